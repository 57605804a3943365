import PostgresArchive
import XCTest

final class PostgresAddressTests: XCTestCase {
    func testAddressesAsLibpqWritesThem() throws {
        let full = try PostgresAddress(parsing: "postgresql://luu_tru:m%E1%BA%ADt%40kh%E1%BA%A9u@db.so-noi-vu.vn:6543/sohoa")
        XCTAssertEqual(full.endpoint, .tcp(host: "db.so-noi-vu.vn", port: 6543))
        XCTAssertEqual(full.user, "luu_tru")
        XCTAssertEqual(full.password, "mật@khẩu")
        XCTAssertEqual(full.database, "sohoa")

        let short = try PostgresAddress(parsing: "postgres://sohoa@127.0.0.1/archive")
        XCTAssertEqual(short.endpoint, .tcp(host: "127.0.0.1", port: 5432))
        XCTAssertNil(short.password)

        let socket = try PostgresAddress(parsing: "postgresql://sohoa@/archive?host=/run/postgresql")
        XCTAssertEqual(socket.endpoint, .unixSocket(folder: "/run/postgresql", port: 5432))
    }

    func testThePasswordIsNeverPrinted() throws {
        let address = try PostgresAddress(parsing: "postgresql://sohoa:s3cret@127.0.0.1:5432/sohoa")
        XCTAssertEqual(address.description, "postgresql://sohoa:***@127.0.0.1:5432/sohoa")
        XCTAssertThrowsError(try PostgresAddress(parsing: "postgresql://s3cret-user:s3cret@127.0.0.1:5432/")) { error in
            XCTAssertFalse("\(error)".contains(":s3cret@"), "\(error)")
            XCTAssertTrue("\(error)".contains("names no database"), "\(error)")
        }
    }

    func testWhatIsNotAnAddressSaysWhy() {
        XCTAssertFalse(PostgresAddress.isAddress("./archive"))
        XCTAssertFalse(PostgresAddress.isAddress("postgresql-archive"))
        XCTAssertTrue(PostgresAddress.isAddress("PostgreSQL://sohoa@h/db"))
        for (text, reason) in [("postgresql://127.0.0.1/sohoa", "names no user"), ("postgresql://sohoa@/sohoa", "names no host"),
                               ("postgresql://sohoa@h:99999/sohoa", "port"), ("mysql://sohoa@h/db", "not a PostgreSQL address")] {
            XCTAssertThrowsError(try PostgresAddress(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(text): \(error)")
            }
        }
    }
}

import Foundation
import XCTest
@testable import SohoaKit

final class JSONTextTests: XCTestCase {
    func testValuesRoundTripThroughFoundationsParser() throws {
        let nothing: Int? = nil
        let object: [String: Any] = [
            "text": "Quyết định số 28/2018/QĐ-TTg \"trích\" \\ <script>\n\t\u{1}\u{1F}\u{2028}",
            "whole": 2.0, "fraction": 1.9617475006805714, "tiny": 1e-7, "huge": 1e21, "negative": -3,
            "flags": [true, false], "none": NSNull(), "absent": nothing as Any, "nested": ["b": 1, "a": [["value": "x", "count": 2]]],
        ]
        let text = jsonText(object)
        XCTAssertFalse(text.contains("\n"), "one line")
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
        XCTAssertEqual(parsed["text"] as? String, object["text"] as? String)
        XCTAssertTrue(text.contains(#""fraction":1.9617475006805714,"#), "the shortest form that reads back exactly")
        XCTAssertEqual(parsed["tiny"] as? Double, 1e-7)
        XCTAssertEqual(parsed["huge"] as? Double, 1e21)
        XCTAssertEqual(parsed["negative"] as? Int, -3)
        XCTAssertTrue(parsed["none"] is NSNull)
        XCTAssertTrue(parsed["absent"] is NSNull)
        XCTAssertEqual((parsed["nested"] as? NSDictionary)?["b"] as? Int, 1)
        XCTAssertTrue(text.hasSuffix(#""whole":2}"#), text)
        XCTAssertTrue(text.contains("28/2018"), "slashes as they are")
        XCTAssertTrue(text.contains("\\u0001") && text.contains("\\u001f"), "control characters escaped")
    }

    func testKeysAreSortedAtEveryLevel() {
        XCTAssertEqual(jsonText(["total": 1, "hits": [["page": 2, "id": "a"]], "counted_within_pages": 4]),
                       #"{"counted_within_pages":4,"hits":[{"id":"a","page":2}],"total":1}"#)
    }

    func testNumbersJSONCannotHoldAreNull() {
        XCTAssertEqual(jsonText(["a": Double.nan, "b": Double.infinity]), #"{"a":null,"b":null}"#)
    }
}

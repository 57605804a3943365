import ArchiveStore
import Foundation
import Hummingbird
import SohoaKit

/// Administration: users with their role and clearance, and the audit log.
enum AdminPage {
    static func register(on router: Router<WebContext>, services: Services) {
        router.get("admin") { request, context in
            let viewer = try SearchPage.viewer(context)
            let (users, log) = try await services.room(context) { room in (try room.accounts().users(), try room.auditLog(limit: 200)) }
            return Pages.page("Quản trị", viewer: viewer, current: "admin",
                              body(users, log: log, viewer: viewer, message: FormValues(request.uri.query)["done"]))
        }
        router.post("admin/users") { request, context in
            let form = try await services.form(request, context: context)
            let name = try AccountDesk.userName(form["name"] ?? "")
            let role = try AccountDesk.role(form["role"] ?? ""), clearance = try AccountDesk.clearance(form["clearance"] ?? "none")
            let password = form["password"]
            try await services.room(context) { room in
                let desk = try room.accounts()
                if let password {
                    try desk.addUser(name, role: role, clearance: clearance, password: password)
                } else {
                    try desk.setRole(role, clearance: clearance, of: name)
                }
            }
            return Pages.redirect("/admin?" + FormValues.encode([("done", "Đã lưu \(name.rawValue).")]))
        }
    }

    static func body(_ users: [UserAccount], log: [AuditEvent], viewer: Pages.Viewer, message: String?) -> HTML {
        func options(_ labels: [String: String], _ order: [String], selected: String) -> HTML {
            let items: [HTML] = order.map { code in
                let chosen: HTML = code == selected ? " selected" : .empty
                return "<option value=\"\(code)\"\(chosen)>\(labels[code] ?? code)</option>"
            }
            return "\(items)"
        }
        let roleOrder = Role.allCases.map(\.rawValue), clearanceOrder = Clearance.allCases.map(\.rawValue)
        let rows: [HTML] = users.map { user in
            """
            <tr><td>\(user.name.rawValue)</td><td colspan="2">
              <form class="inline" method="post" action="/admin/users">
                <input type="hidden" name="csrf" value="\(viewer.csrf)"><input type="hidden" name="name" value="\(user.name.rawValue)">
                <select name="role" aria-label="Vai trò">\(options(Labels.roles, roleOrder, selected: user.role.rawValue))</select>
                <select name="clearance" aria-label="Mức mật">\(options(Labels.clearance, clearanceOrder, selected: user.clearance.rawValue))</select>
                <button type="submit">Lưu</button>
              </form></td><td>\(String(user.createdAt.prefix(10)))</td></tr>
            """
        }
        let events: [HTML] = log.map { event in
            "<tr><td>\(event.at.prefix(19).replacingOccurrences(of: "T", with: " "))</td><td>\(Labels.auditEvents[event.kind.rawValue] ?? event.kind.rawValue)</td><td>\(event.actor)</td><td>\(event.subject ?? "")</td><td>\(event.client ?? "")</td><td>\(event.detail ?? "")</td></tr>"
        }
        return """
        <h1>Quản trị</h1>
        \(message.map { "<p class=\"notice ok\">\($0)</p>" as HTML } ?? .empty)
        <h2>Người dùng</h2>
        <table class="users"><thead><tr><th>Tên</th><th colspan="2">Vai trò · mức mật được xem</th><th>Tạo ngày</th></tr></thead><tbody>\(rows)</tbody></table>
        <form class="add-user" method="post" action="/admin/users">
          <input type="hidden" name="csrf" value="\(viewer.csrf)">
          <label>Tên đăng nhập <input name="name" required pattern="[a-z0-9][a-z0-9._-]{0,63}"></label>
          <label>Mật khẩu <input name="password" type="password" required minlength="10" autocomplete="new-password"></label>
          <label>Vai trò <select name="role">\(options(Labels.roles, roleOrder, selected: "reader"))</select></label>
          <label>Mức mật <select name="clearance">\(options(Labels.clearance, clearanceOrder, selected: "none"))</select></label>
          <button type="submit">Thêm người dùng</button>
        </form>
        <h2>Nhật ký</h2>
        <table class="audit"><thead><tr><th>Lúc (UTC)</th><th>Sự kiện</th><th>Ai</th><th>Đối tượng</th><th>Máy</th><th>Chi tiết</th></tr></thead><tbody>\(events)</tbody></table>
        """
    }
}

// RFC 4180 CSV in UTF-8: a header row, fields quoted when they hold a comma, quote or line break;
// null as an empty field, booleans (met) as true/false.
import Foundation

public enum CSVWriter {
    public static func csv<Row>(_ schema: TableSchema<Row>, _ rows: [Row]) -> String {
        var out = schema.columns.map { field($0.name) }.joined(separator: ",") + "\r\n"
        out.reserveCapacity(rows.count * 96)
        for row in rows {
            var first = true
            for column in schema.columns {
                if !first { out += "," }
                first = false
                out += text(column.value(row), boolean: column.name == "met")
            }
            out += "\r\n"
        }
        return out
    }

    static func text(_ cell: Cell, boolean: Bool) -> String {
        switch cell {
        case .null: return ""
        case .integer(let i): return boolean ? (i != 0 ? "true" : "false") : String(i)
        case .real(let d): return number(d)
        case .text(let s): return field(s)
        }
    }

    /// 10 not 10.0; 6.5 as 6.5; never an exponent for the figures reports give.
    public static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

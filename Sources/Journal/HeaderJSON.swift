import Foundation

/// Writes the JSON values of a job header (what JSONSerialization parsed, or Swift values built
/// here): compact, object keys sorted, slashes unescaped. JSONSerialization's writer cost
/// ~250k instructions per stored job, a third of the broker's work per job.
enum HeaderJSON {
    static func write(_ value: Any, into out: inout [UInt8]) {
        switch value {
        case let s as String: string(s, into: &out)
        case let b as Bool where type(of: value) == Bool.self: out += b ? trueBytes : falseBytes
        case let i as Int where type(of: value) == Int.self: out += Array(String(i).utf8)
        case let d as Double where type(of: value) == Double.self: number(d, into: &out)
        case let n as NSDecimalNumber: out += Array(n.description.utf8)     // JSONSerialization's integers past Int64's exact doubles
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c": out += n.boolValue ? trueBytes : falseBytes        // how JSONSerialization marks true/false
            case "f", "d": number(n.doubleValue, into: &out)
            case "Q": out += Array(String(n.uint64Value).utf8)
            default: out += Array(String(n.int64Value).utf8)
            }
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, element) in array.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        default: out += Array("null".utf8)                                // NSNull, or nothing JSON can say
        }
    }

    /// A JSON string: quote, backslash and control characters escaped; the rest as UTF-8.
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Integral values within ±2^53 as integers, others in Swift's shortest round-trip form.
    static func number(_ d: Double, into out: inout [UInt8]) {
        guard d.isFinite else { out += Array("null".utf8); return }
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { out += Array(String(Int64(d)).utf8) } else { out += Array("\(d)".utf8) }
    }

    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)
}

import Foundation
import JSONOutput

/// Writes the JSON values of a job header (what JSONSerialization parsed, or Swift values built
/// here) with the project's JSONWriter, object keys sorted. JSONSerialization's own writer cost
/// ~250k instructions per stored job, a third of the broker's work per job.
enum HeaderJSON {
    static func write(_ value: Any, to w: inout JSONWriter) {
        switch value {
        case let s as String: w.string(s)
        case let b as Bool where type(of: value) == Bool.self: w.bool(b)
        case let i as Int where type(of: value) == Int.self: w.int(i)
        case let d as Double where type(of: value) == Double.self: w.double(d)
        case let n as NSDecimalNumber: w.raw(Array(n.description.utf8))   // JSONSerialization's integers past Int64's exact doubles
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c": w.bool(n.boolValue)                                  // how JSONSerialization marks true/false
            case "f", "d": w.double(n.doubleValue)
            case "Q": w.raw(Array(String(n.uint64Value).utf8))
            default: w.int(Int(n.int64Value))
            }
        case let object as [String: Any]:
            w.beginObject()
            for key in object.keys.sorted() { w.key(key); write(object[key]!, to: &w) }
            w.endObject()
        case let array as [Any]:
            w.beginArray()
            for element in array { write(element, to: &w) }
            w.endArray()
        default: w.null()                                                  // NSNull, or nothing JSON can say
        }
    }
}

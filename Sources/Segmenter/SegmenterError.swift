// Errors the segmenter reports while loading its models; each has a stable code and a message.

public enum SegmenterError: Error, CustomStringConvertible, Equatable {
    case fileUnreadable(path: String, reason: String)
    case invalidDictionaryLine(path: String, line: Int, text: String)
    case invalidModel(path: String, reason: String)
    case invalidUTF8(path: String, line: Int)
    case dictionaryTooLarge(nodes: Int)
    case invalidScalar(UInt32)

    public var code: String {
        switch self {
        case .fileUnreadable: return "segmenter_file_unreadable"
        case .invalidDictionaryLine: return "segmenter_bad_dictionary_line"
        case .invalidModel: return "segmenter_bad_model"
        case .invalidUTF8: return "segmenter_bad_utf8"
        case .dictionaryTooLarge: return "segmenter_dictionary_too_large"
        case .invalidScalar: return "segmenter_bad_scalar"
        }
    }

    public var description: String {
        switch self {
        case let .fileUnreadable(path, reason): return "\(code): cannot read \(path): \(reason)"
        case let .invalidDictionaryLine(path, line, text): return "\(code): \(path):\(line): invalid entry '\(text)'"
        case let .invalidModel(path, reason): return "\(code): \(path): \(reason)"
        case let .invalidUTF8(path, line): return "\(code): \(path):\(line): not valid UTF-8"
        case let .dictionaryTooLarge(nodes): return "\(code): more than \(nodes) trie nodes"
        case let .invalidScalar(s): return "\(code): invalid Unicode scalar \(s)"
        }
    }
}

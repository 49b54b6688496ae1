// Words the cleaner and the structurer look for, as scalar arrays.

enum Words {
    static let addressToDeputies = u32("各位代表")       // where a report's head ends
    static let peoplesCongress = u32("人民代表大会")
    static let peoplesCongressShort = u32("人大")
    static let meeting = u32("会议")
    static let atMeeting = u32("会议上")                 // where a date line ends ("…第二次会议上")
    static let congressTerm = u32("届")
    static let youAreHere = u32("当前位置")              // a breadcrumb's label
    static let editorInCharge = u32("责任编辑")
    static let editor = u32("编辑")
    static let reporter = u32("记者")
    static let ourPaper = u32("本报")
    static let deliversTheReport = u32("作政府工作报告")  // in a photo caption
    static let photographedBy: UInt32 = 0x6444           // 摄
}

// Document metadata, one reader per field: the congress session and delivery date
// (CongressReader), the title and document type (TitleReader), the speaker (SpeakerReader),
// the region and its level (RegionReader) and the review and plan years (YearReader). They
// read the head (the lines before 各位代表) first and fall back on the opening of the body,
// then on the title the report was published under (a front-matter `title:`), which is
// metadata about the file and never outranks what the report itself prints.
import ReportText

enum DocumentInfoExtractor {
    /// The document's metadata, and the head lines it was read from (the record's title_block).
    static func extract(_ t: Scalars, head: ReportHead, metadata: [String: String]) -> (DocumentInfo, TitleBlock) {
        let published = metadata["title"].map { squeezeSpaces(sc($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        let publishedHead = published.map(ReportHead.init(publishedTitle:))

        var session = CongressReader.read(head)
        let publishedSession = publishedHead.map(CongressReader.read)
        if session.congress == nil, let p = publishedSession, p.congress != nil {
            session.congress = p.congress; session.national = p.national
            session.date = session.date ?? p.date
        }
        if session.date == nil, let p = publishedSession, let d = p.date, p.namedSpeaker != nil || p.congress != nil {
            session.date = d   // "南京市政府工作报告（2012年1月12日 季建业）"
        }

        var info = DocumentInfo()
        info.congress = session.congress
        info.meetingDate = session.date?.iso
        info.title = TitleReader.title(head, dateLine: session.dateLine) ?? metadata["title"].flatMap(TitleReader.publishedTitle)

        let speaker = SpeakerReader.read(head, dateLine: session.dateLine, namedWithDate: session.namedSpeaker)
        info.speaker = speaker?.speaker ?? published.flatMap(SpeakerReader.nameBeforeOffice)

        let titleScalars = info.title.map(sc) ?? []
        info.docType = TitleReader.docType(title: titleScalars, head: head, body: t)

        let evidence = RegionReader.Evidence(congress: session, title: info.title, speakerPrefix: speaker?.prefix,
                                             published: publishedSession.map { ($0, published ?? []) })
        (info.region, info.regionLevel) = RegionReader.read(evidence, body: t)

        (info.reviewYear, info.planYear) = YearReader.years(t, meetingDate: session.date, title: titleScalars,
                                                            publishedTitle: published)

        func line(_ k: Int?) -> String? { k.map { t.string(head.lines[$0].range) } }
        let titleBlock = TitleBlock(title: info.title, dateLine: line(session.dateLine), congressLine: line(session.congressLine),
                                    speakerLine: line(speaker?.line), metadata: metadata)
        return (info, titleBlock)
    }
}

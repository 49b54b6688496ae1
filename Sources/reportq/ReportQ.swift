import ArgumentParser
import JobContract

@main
struct ReportQ: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportq",
        abstract: "Turn Chinese government reports into structured JSON Lines, on a ZeroMQ worker cluster.",
        version: "reportq \(ReportqVersion.current)",
        subcommands: [
            // One line per subcommand; each lives in its own file under Commands/.
            BrokerCommand.self,
            WorkerCommand.self,
            AggregatorCommand.self,
            PushCommand.self,
            TailCommand.self,
            StatusCommand.self,
            JobsCommand.self,
            RunCommand.self,
            UpCommand.self,
            BenchCommand.self,
            ExtractCommand.self,
            EvalCommand.self,
            PanelCommand.self,
            DashboardCommand.self,
            SegmentCommand.self,
            KeygenCommand.self,
        ]
    )
}

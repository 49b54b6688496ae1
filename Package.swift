// swift-tools-version:6.0
import PackageDescription

// Modules, bottom up:
//   CZeroMQ → ZeroMQ → Majordomo → Broker                  MDP transport and the Majordomo broker
//   ProcessMemory                                          freed heap memory back to the OS (broker, worker)
//   JSONOutput → JobContract                               the contracts the processes share: job header,
//                                                          record envelope, error codes, service names, job ids,
//                                                          the record schema's field paths (embedded at build time)
//   Journal (+ CCRC32C, PositionedIO)                      the broker's durable store: bytes, records, states
//   Titanic                                                RFC 9 in one place: the broker's built-in services over
//                                                          the journal and their dispatch (server); client, pusher, waiter
//   Telemetry (Prometheus metrics + a tiny HTTP endpoint)  used by broker and aggregator
//   COpenCC (+ COpenCCLexicon) → ReportText → ReportExtraction ┐
//   CPoppler, CSystemZlib ┘ (PDF text and page images, stream sizes) │
//                          Segmenter ────────┴→ ReportKit  the text pipeline (no ZeroMQ): one call, one record
//   ExtractionScoring                                      gold and label scoring for `reportq eval`
//   Panel (+ GRDB, data/region-codes.tsv)                  records → documents, targets, results, target vs actual:
//                                                          CSV, SQLite and a self-contained page (`reportq panel`)
//   IngestService                                          the `ingest` service edge (a job → its record)
//   Aggregator                                             the `collect` service edge and its JSON Lines output
//   Dashboard (+ Hummingbird)                              `reportq dashboard`: one live page of the cluster (status and
//                                                          job control over MDP), the arriving records and their panel
//   reportq                                                the one CLI binary: wires the above into processes
let package = Package(
    name: "reportq",
    platforms: [.macOS(.v15)],   // StopFlag uses Synchronization.Atomic (macOS 15)
    products: [
        .executable(name: "reportq", targets: ["reportq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),   // hummingbird's own; named for graceful shutdown
    ],
    targets: [
        // Cluster transport
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(name: "Majordomo", dependencies: ["ZeroMQ"]),
        .target(name: "CCRC32C"),                                  // CRC-32C with the CPU instruction
        .target(name: "PositionedIO"),                             // pwritev/pwrite that finish short writes
        .target(name: "JSONOutput"),
        .target(name: "JobContract", dependencies: ["JSONOutput"],   // job header, record envelope, service names, error codes
                plugins: ["EmbedDataFiles"]),                         // + protocols/record.schema.json itself (RecordSchema)
        .plugin(name: "EmbedDataFiles", capability: .buildTool(), dependencies: ["FileEmbedder"]),
        .executableTarget(name: "FileEmbedder"),                      // the plugin's tool: a file's text as a Swift literal
        .target(name: "Journal", dependencies: ["CCRC32C", "PositionedIO", "JobContract"]),
        .target(name: "Telemetry", dependencies: ["Majordomo", "ZeroMQ", .product(name: "Prometheus", package: "swift-prometheus")]),
        .target(name: "ProcessMemory"),                            // malloc_trim/mallopt, looked up at run time
        .target(name: "Broker", dependencies: ["Majordomo", "ZeroMQ", "Telemetry", "ProcessMemory"]),
        .target(name: "Titanic", dependencies: ["Broker", "Journal", "JobContract", "JSONOutput", "Majordomo", "ZeroMQ",
                                                .product(name: "Logging", package: "swift-log")]),
        .target(name: "Aggregator", dependencies: ["JobContract", "JSONOutput", "Majordomo", "PositionedIO", "Telemetry", "ZeroMQ"]),

        // Text pipeline
        .systemLibrary(name: "COpenCC", pkgConfig: "opencc", providers: [.apt(["libopencc-dev"])]),
        // libopencc's C++ dictionary API behind C functions: the t2s dictionaries, entry by entry
        .target(name: "COpenCCLexicon", linkerSettings: [.linkedLibrary("opencc")]),
        // PDF: poppler-cpp's document, text and page-render API behind C functions (as COpenCCLexicon);
        // zlib to measure a PDF's streams before poppler inflates them. (OCR loads libtesseract's C API
        // at run time: see OCREngine.swift for why.)
        .target(name: "CPoppler", linkerSettings: [.linkedLibrary("poppler-cpp")]),
        .systemLibrary(name: "CSystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ReportText", dependencies: [
            "COpenCC", "COpenCCLexicon", "CPoppler", "CSystemZlib", "JSONOutput",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "ReportExtraction", dependencies: ["ReportText"]),
        .target(name: "ExtractionScoring", dependencies: ["ReportExtraction"]),   // gold and label scoring for `eval`
        .target(name: "Segmenter", dependencies: ["CCRC32C"]),   // CRC-32C checks the table cache files
        .target(name: "ReportKit", dependencies: [
            "JobContract", "JSONOutput", "ReportText", "ReportExtraction", "Segmenter",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // The panel: records → documents, targets, indicators, targets against results (CSV, SQLite, a page)
        .target(name: "Panel", dependencies: [
            "ReportExtraction", "JobContract", .product(name: "GRDB", package: "GRDB.swift"),
        ], plugins: ["EmbedDataFiles"]),                                  // + data/region-codes.tsv (RegionCodes)

        // The live page: cluster numbers, failed jobs and arriving records over HTTP + server-sent events
        .target(name: "Dashboard", dependencies: [
            "Aggregator", "JobContract", "JSONOutput", "Majordomo", "Panel", "ReportExtraction", "Titanic", "ZeroMQ",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The `ingest` service: a job through the pipeline, as a worker runs it
        .target(name: "IngestService", dependencies: ["JobContract", "Majordomo", "ReportKit"]),

        // The CLI
        .executableTarget(name: "reportq", dependencies: [
            "ZeroMQ", "Majordomo", "Broker", "Journal", "Aggregator", "ReportKit", "Segmenter", "Telemetry", "JobContract", "Titanic",
            "IngestService", "ReportExtraction", "ReportText", "ExtractionScoring", "Panel", "Dashboard",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Logging", package: "swift-log"),
            "ProcessMemory",                                           // a worker's memory back after a large job
        ]),

        // Tests: one target per module; the service edges also in-process through a real broker
        // (ClusterTesting), and end-to-end cluster tests driving the real binary (ClusterTests)
        .target(name: "ClusterTesting", dependencies: ["Broker", "JobContract", "Journal", "Majordomo", "Titanic", "ZeroMQ"],
                path: "Tests/ClusterTesting"),                      // broker, Titanic and worker sessions in this process
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "MajordomoTests", dependencies: ["Majordomo", "ZeroMQ", "TestSupport"]),
        .testTarget(name: "BrokerTests", dependencies: ["Broker", "Majordomo", "ZeroMQ", "Telemetry", "ProcessMemory"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),   // scratch dirs, raw files, tmpfs mounts, schema checks
        .testTarget(name: "JobContractTests", dependencies: ["JobContract", "JSONOutput", "TestSupport"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "PositionedIO", "TestSupport"]),
        .testTarget(name: "TitanicTests", dependencies: [
            "Titanic", "Aggregator", "ClusterTesting", "IngestService", "JobContract", "Journal", "Majordomo", "TestSupport",
        ]),
        .testTarget(name: "AggregatorTests", dependencies: ["Aggregator", "ClusterTesting", "JobContract", "Majordomo", "Telemetry", "TestSupport", "ZeroMQ"]),
        .testTarget(name: "IngestServiceTests", dependencies: ["IngestService", "ClusterTesting", "JobContract", "Majordomo", "TestSupport"]),
        .testTarget(name: "ReportTextTests", dependencies: [
            "ReportText", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "ReportExtractionTests", dependencies: ["ReportExtraction", "ExtractionScoring", "ReportText"], exclude: ["Fixtures"]),
        .testTarget(name: "SegmenterTests", dependencies: ["Segmenter"]),
        .testTarget(name: "PanelTests", dependencies: ["Panel", "JobContract", "ReportExtraction", "ReportText", "TestSupport",
                                                       .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportKitTests", dependencies: ["ReportKit", "JobContract", "ReportText", "TestSupport"]),
        .testTarget(name: "ClusterTests", dependencies: ["Majordomo", "ZeroMQ", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

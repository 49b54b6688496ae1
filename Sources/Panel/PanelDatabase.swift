// panel.sqlite: the four tables with their keys and indexes, and the views people ask for
// (targets wide by code, target against actual, the misses), written through GRDB in one
// transaction to a temporary file that replaces the old one only when complete.
import Foundation
import GRDB

public enum PanelDatabase {
    public static func write(_ panel: Panel, to path: String) throws {
        let temporary = path + ".partial"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.write { db in
                try create(PanelSchema.documents, panel.documents, db)
                try create(PanelSchema.targets, panel.targets, db)
                try create(PanelSchema.indicators, panel.indicators, db)
                try create(PanelSchema.outcomes, panel.outcomes, db)
                try createViews(panel, db)
            }
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    static func create<Row>(_ schema: TableSchema<Row>, _ rows: [Row], _ db: Database) throws {
        var definition = schema.columns.map { c -> String in
            var s = "\(c.name) \(c.type.rawValue)"
            // Deferred: duplicate_of may point to a row inserted after it.
            if let r = c.references { s += " REFERENCES \(r) DEFERRABLE INITIALLY DEFERRED" }
            return s
        }
        definition.append("PRIMARY KEY (\(schema.primaryKey.joined(separator: ", ")))")
        try db.execute(sql: "CREATE TABLE \(schema.name) (\(definition.joined(separator: ", ")))")
        let marks = Array(repeating: "?", count: schema.columns.count).joined(separator: ", ")
        let insert = try db.makeStatement(sql: "INSERT INTO \(schema.name) VALUES (\(marks))")
        for row in rows {
            try insert.execute(arguments: StatementArguments(schema.columns.map { databaseValue($0.value(row)) }))
        }
        for columns in schema.indexes {
            try db.execute(sql: "CREATE INDEX \(schema.name)_\(columns.joined(separator: "_")) ON \(schema.name) (\(columns.joined(separator: ", ")))")
        }
    }

    static func databaseValue(_ cell: Cell) -> DatabaseValue {
        switch cell {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        }
    }

    /// targets_wide: one row per canonical document, a column per code and measure found in the
    /// inputs ("gdp_growth", "fiscal_revenue_level"), holding the document's first such target.
    /// gdp_vs_actual and missed_targets: the pairs of target_vs_actual people look at first.
    static func createViews(_ panel: Panel, _ db: Database) throws {
        var pairs: [(code: String, measure: String)] = []
        var seen = Set<String>()
        for t in panel.targets where t.value != nil {
            // Codes become column names: only the [a-z0-9_] codes reportq writes, whatever a file says.
            guard let code = t.code, ["growth", "level", "change"].contains(t.measure.rawValue),
                  !code.isEmpty, code.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }) else { continue }
            if seen.insert("\(code)_\(t.measure.rawValue)").inserted { pairs.append((code, t.measure.rawValue)) }
        }
        pairs.sort { ($0.code == "gdp" ? 0 : 1, $0.code, $0.measure) < ($1.code == "gdp" ? 0 : 1, $1.code, $1.measure) }
        let wide = pairs.map { p in
            "(SELECT value FROM targets t WHERE t.document_id = d.document_id AND t.code = '\(p.code)' AND t.measure = '\(p.measure)' "
                + "ORDER BY t.position LIMIT 1) AS \(p.code)_\(p.measure)"
        }
        try db.execute(sql: """
            CREATE VIEW targets_wide AS SELECT d.document_id, d.region, d.region_code, d.level, d.plan_year\
            \(wide.isEmpty ? "" : ", " + wide.joined(separator: ", "))
            FROM documents d WHERE d.status = 'ok' AND d.duplicate_of IS NULL AND d.plan_year IS NOT NULL
            """)
        try db.execute(sql: """
            CREATE VIEW gdp_vs_actual AS SELECT region, region_code, year, target_value, target_value_max, qualifier,
                actual_value, gap, met FROM target_vs_actual
            WHERE code = 'gdp' AND measure = 'growth' AND target_status = 'set' AND actual_status = 'reported'
            """)
        try db.execute(sql: """
            CREATE VIEW missed_targets AS SELECT * FROM target_vs_actual WHERE met = 0
            """)
    }
}

@_exported import ReportText

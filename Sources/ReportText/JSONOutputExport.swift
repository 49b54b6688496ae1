// The JSON writer lives in its own small module (the journal writes job headers with it too);
// ReportText's users keep getting it from here.
@_exported import JSONOutput

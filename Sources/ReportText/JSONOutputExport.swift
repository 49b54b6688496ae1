// The JSON writer lives in its own small module (the job contract writes headers and records
// with it too); the pipeline's modules write their results with these two of its symbols.
@_exported import struct JSONOutput.JSONWriter
@_exported import protocol JSONOutput.JSONWritable

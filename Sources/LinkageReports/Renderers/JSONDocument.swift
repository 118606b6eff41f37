import LinkageCore

/// The version every output states.
package enum LinkageVersion {
  package static let current = "0.1.0"
}

extension JSONRenderer {
  /// Writes the output envelope every command's `--format json` follows —
  /// `{ "linkage", "schema", "command", "input", "scenario"?, "result", "diagnostics" }` —
  /// with `result` written by `result`, `scenario` only when a what-if is applied, and a
  /// final newline.
  package static func document(
    command: String, input: AnalysisInput?, stream: inout ReportOutput,
    result: (inout JSONWriter) -> Void
  ) {
    var json = JSONWriter(stream: stream)
    json.beginObject()
    json.member("linkage", .string(LinkageVersion.current))
    json.member("schema", .int(1))
    json.member("command", .string(command))
    json.member("input", input.map { .string($0.name) } ?? .null)
    if let input, let scenario = input.scenario {
      json.member("scenario", ScenarioText.json(scenario, input.graph))
    }
    json.key("result")
    result(&json)
    json.member("diagnostics", diagnostics(input?.diagnostics))
    json.endObject()
    stream = json.stream
    stream.write("\n")
  }

  /// The whole document as text (small results, tests).
  package static func documentText(
    command: String, input: AnalysisInput?, result: (inout JSONWriter) -> Void
  ) -> String {
    var stream = ReportOutput()
    document(command: command, input: input, stream: &stream, result: result)
    return stream.text
  }

  /// The diagnostics as JSON.
  package static func diagnostics(_ log: DiagnosticLog?) -> JSONValue {
    .array(
      (log?.sorted ?? []).map { d in
        var members: [(String, JSONValue)] = [("severity", .string(d.severity.rawValue))]
        if let l = d.location {
          members += [
            ("file", .string(l.file)), ("line", .int(l.line)), ("column", .int(l.column)),
          ]
          if let cell = l.cell { members.append(("cell", .string(cell))) }
        }
        members.append(("message", .string(d.message)))
        return .object(members)
      })
  }
}

import Synchronization

/// Progress lines on stderr, only when it is a terminal and not --quiet. Safe to call from
/// the threads of a parallel loop: the open-line state is behind a lock.
final class Progress: Sendable {
  let enabled: Bool
  /// Whether a line written with `overwrite` is still open (needs a newline).
  private let open = Mutex(false)

  init(enabled: Bool) { self.enabled = enabled }

  func say(_ text: String, overwrite: Bool = false) {
    guard enabled else { return }
    open.withLock { open in
      if overwrite {
        FileHandleOutput.standardError("\r\u{1B}[K" + text)
        open = true
      } else {
        if open { FileHandleOutput.standardError("\n") }
        open = false
        FileHandleOutput.standardError(text + "\n")
      }
    }
  }

  func finishLine() {
    guard enabled else { return }
    open.withLock { open in
      if open { FileHandleOutput.standardError("\n") }
      open = false
    }
  }
}

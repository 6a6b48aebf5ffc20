import ArgumentParser
import Foundation
import MLLearn

/// The version recorded in every report's reproducibility appendix.
let swiftmlVersion = "0.1.0"

@main
struct SwiftML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftml",
        abstract: "Turn Markdown notebooks into reproducible machine-learning reports.",
        discussion: """
            A notebook is a CommonMark file with fenced ```swiftml blocks. `render` runs the blocks \
            in order and writes HTML, Markdown and LaTeX reports; `site` renders a folder of \
            notebooks as a static site; `check` validates a notebook without running it.

            Exit status: 0 on success, 1 for an error in a notebook (reported as \
            file:line:column), 2 for a usage error.
            """,
        version: swiftmlVersion,
        subcommands: [Render.self, SiteCommand.self, PreviewCommand.self, Runs.self, Check.self]
    )

    /// Runs the command, mapping usage errors to exit status 2 (ArgumentParser uses 64).
    static func main() async {
        // OpenBLAS's idle threads would spin on a core the engine's pool needs (see BLASThreads).
        BLASThreads.confine()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

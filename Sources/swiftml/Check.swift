import ArgumentParser
import Foundation
import Notebook

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse and validate notebooks without running them.",
        discussion: """
            Reports every problem, one per line as file:line:column: error: message — syntax errors, \
            unknown verbs, labels and block options (with the nearest known name), arguments of the \
            wrong type, and names used before they are bound. Exits 1 if any problem is found.
            """)

    @ArgumentParser.Argument(help: "Notebooks (.md) or folders of notebooks.", completion: .file(extensions: ["md"]))
    var paths: [String]

    func run() throws {
        var problems = 0
        for path in try NotebookFiles.expand(paths) {
            do {
                let text = try NotebookFiles.read(path)
                let (notebook, parseProblems) = Notebook.parse(text, path: path)
                let checked = Checker.check(notebook, parameters: notebook.frontMatter.params.map(\.name))
                var all: [Diagnostic] = []
                for problem in (parseProblems + checked).sorted(by: { $0.location < $1.location })
                where !all.contains(problem) {
                    all.append(problem)
                }
                for problem in all { printError(problem.description) }
                problems += all.count
            } catch let error as NotebookFiles.Failure {
                printError(error.description)
                problems += 1
            }
        }
        if problems > 0 {
            printError("\(problems) problem\(problems == 1 ? "" : "s") found")
            throw ExitCode.failure
        }
    }
}

import Foundation
import MLData
import Testing

@Suite struct TableSourceTests {
    @Test func csvSourceReadsWhatCSVReaderReads() throws {
        let path = penguinsFixture("penguins.csv")
        let options = CSVOptions(types: ["year": .category])
        let source = CSVSource(path: path, displayName: "data/penguins.csv", options: options)
        let direct = try CSVReader.read(path: path, displayName: "data/penguins.csv", options: options)
        #expect(sameFrame(try source.read(), direct))
        #expect(source.inputFiles == [path])
        #expect(source.displayName == "data/penguins.csv")
    }

    @Test func jsonSourceReadsWhatJSONReaderReads() throws {
        let path = penguinsFixture("penguins.json")
        let source = JSONSource(path: path, displayName: "data/penguins.json")
        #expect(sameFrame(try source.read(), try JSONReader.read(path: path, displayName: "data/penguins.json")))
        #expect(source.inputFiles == [path])
    }

    @Test(arguments: ["penguins.jsn", "penguin.csv"])
    func aMissingFileSuggestsTheNearestName(name: String) throws {
        let sources: [any TableSource] = [
            JSONSource(path: penguinsFixture(name), displayName: "data/\(name)"),
            CSVSource(path: penguinsFixture(name), displayName: "data/\(name)"),
        ]
        for source in sources {
            #expect {
                try source.read()
            } throws: { error in
                guard let error = error as? DataError else { return false }
                return error.code == .fileNotFound && error.file == "data/\(name)"
                    && error.message.hasPrefix("file not found; did you mean 'data/penguins")
            }
        }
    }
}

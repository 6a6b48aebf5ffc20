/// A small syntax highlighter for swiftml statements, producing escaped HTML spans.
///
/// It colours comments, strings, numbers, verbs (the first word of a statement, after any
/// `names =`) and labels (`word:`). Anything it does not recognise is escaped as text.
enum Highlighter {
    static func html(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    private static func line(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        var out = ""
        var i = 0
        var seenVerb = false
        let assignment = line.contains("=") && !line.hasPrefix("#")
        var afterEquals = !assignment
        func text(_ range: Range<Int>) -> String {
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars[range])
            return Escape.html(s)
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "#" {
                out += "<span class=\"c\">" + text(i..<scalars.count) + "</span>"
                break
            } else if c == "\"" || c == "'" {
                var j = i + 1
                while j < scalars.count, scalars[j] != c {
                    if scalars[j] == "\\" { j += 1 }
                    j += 1
                }
                j = min(j + 1, scalars.count)
                out += "<span class=\"s\">" + text(i..<j) + "</span>"
                i = j
                continue
            } else if c.properties.numericType != nil && c.isASCII {
                var j = i
                while j < scalars.count, scalars[j].isASCII,
                    scalars[j].properties.numericType != nil || scalars[j] == "." || scalars[j] == "e"
                        || scalars[j] == "_"
                {
                    j += 1
                }
                out += "<span class=\"n\">" + text(i..<j) + "</span>"
                i = j
                continue
            } else if c.properties.isAlphabetic || c == "_" {
                var j = i
                while j < scalars.count,
                    scalars[j].properties.isAlphabetic || scalars[j] == "_"
                        || (scalars[j].isASCII && scalars[j].properties.numericType != nil)
                {
                    j += 1
                }
                let word = text(i..<j)
                var k = j
                while k < scalars.count, scalars[k] == " " { k += 1 }
                if k < scalars.count, scalars[k] == ":" {
                    out += "<span class=\"l\">" + word + "</span>"
                } else if afterEquals && !seenVerb {
                    out += "<span class=\"k\">" + word + "</span>"
                    seenVerb = true
                } else if ["true", "false", "none"].contains(word) {
                    out += "<span class=\"n\">" + word + "</span>"
                } else {
                    out += word
                }
                i = j
                continue
            } else if c == "=" {
                afterEquals = true
            }
            out += text(i..<(i + 1))
            i += 1
        }
        return out
    }
}

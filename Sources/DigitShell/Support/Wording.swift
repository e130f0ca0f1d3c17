/// "1 layer", "3 layers": the one place a count meets its noun.
func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

import DigitShell
import Foundation

exit(Entry.main(Array(CommandLine.arguments.dropFirst())))

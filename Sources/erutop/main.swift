import ErutopApp
import Foundation

exit(await Erutop.main(Array(CommandLine.arguments.dropFirst())))

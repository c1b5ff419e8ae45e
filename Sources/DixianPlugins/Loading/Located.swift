import DixianCore

/// A value read from a file, with where it is written, so later checks can point at it.
struct Located<Value> {
    var value: Value
    var location: Diagnostic.Location

    init(_ value: Value, at location: Diagnostic.Location) {
        self.value = value
        self.location = location
    }

    func map<T>(_ transform: (Value) -> T) -> Located<T> {
        Located<T>(transform(value), at: location)
    }
}

/// A value field that may instead name a parameter as `$name` (plugins/README.md §5).
enum ParameterOr<Value> {
    case literal(Value)
    case parameter(String)
}

import DixianScreening
import PostgresNIO

extension SQLFragment {
    /// The binds as text values. Every placeholder the compiler writes carries its cast (`$1::int8`,
    /// `$2::numeric`, `$3::text[]`), so PostgreSQL converts the text exactly, decimals included.
    public var postgresBindings: PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            if case .list(let items) = value {
                bindings.append(items.map(\.description))
            } else {
                bindings.append(value.description)
            }
        }
        return bindings
    }

    /// A query of this fragment as the whole statement.
    public var postgresQuery: PostgresQuery {
        PostgresQuery(unsafeSQL: text, binds: postgresBindings)
    }
}

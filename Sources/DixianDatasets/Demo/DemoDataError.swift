/// A plugin dataset the demo generator cannot fill.
public struct DemoDataError: Error, Sendable, CustomStringConvertible {
    public var plugin: String
    public var dataset: String
    public var problem: String

    public var description: String {
        "演示数据与插件声明不符 (demo data does not match the plugin): \(plugin).\(dataset): \(problem)"
    }
}

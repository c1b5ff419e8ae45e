import DixianCore
import DixianYAML

extension ManifestReader {
    /// One `campaigns` entry (plugins/README.md §10, *Campaigns*): id, title, the ledger's subject, and the phase dates,
    /// each a date or a `$date` parameter so the county office moves them in its override each year.
    func readCampaign(_ value: YAMLValue) -> PluginManifest.CampaignDeclaration? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let id = fields.identifier(reader.value("id", required: true), what: "专项整改 id (campaign id)")
        let title = fields.text(reader.value("title", required: true))
        let subject = fields.text(reader.value("subject", required: true))
        let year = fields.int(reader.value("year"), in: 2000...2100)
        let start = dateOrParameter(reader.value("start", required: true))
        let mobiliseBy = dateOrParameter(reader.value("mobilise_by"))
        let rectifyBy = dateOrParameter(reader.value("rectify_by", required: true))
        let acceptanceUntil = dateOrParameter(reader.value("acceptance_until"))
        let source = readSourceReference(reader.value("source"))
        guard let id, let title, let subject, let start, let rectifyBy else { return nil }
        return PluginManifest.CampaignDeclaration(
            id: id, title: title.value, subject: subject.value, year: year, start: start, mobiliseBy: mobiliseBy,
            rectifyBy: rectifyBy, acceptanceUntil: acceptanceUntil, source: source)
    }
}

extension ConsoleTemplates {
    /// 整改台账: the problems under the unit, filtered by result, with the workbook to download.
    static let ledger = """
        <h1>整改台账</h1>
        {{#sectorOnly}}<p class="hint">整改台账按单位管理，不分行业；行业部门请在总览中查看本行业情况。</p>{{/sectorOnly}}
        {{^sectorOnly}}
        <form class="filters" method="get" action="/console/ledger">
        <input type="hidden" name="unit" value="{{unit}}">
        <label for="result">整改结果</label>
        <select id="result" name="result">{{#results}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/results}}</select>
        <button type="submit" class="secondary">筛选</button>
        </form>
        <p><a class="button" href="{{exportHref}}">下载台账（附件1格式 .xlsx）</a></p>
        <p class="hint">共 {{count}} 个问题。</p>
        {{^problems}}<p class="empty">没有符合条件的整改问题。</p>{{/problems}}
        <ul class="items">
        {{#problems}}
        <li id="p{{number}}" class="item{{#overdue}} overdue{{/overdue}}">
        <p class="title"><a href="/console/ledger/{{number}}">{{number}}</a> · {{problem}}</p>
        <p class="meta">{{group}} · 时限 {{deadline}} · {{result}}{{#overdue}} · <strong>逾期未完成</strong>{{/overdue}}</p>
        {{#progress}}<p class="meta">最新进展：{{progress}}</p>{{/progress}}
        </li>
        {{/problems}}
        </ul>
        {{/sectorOnly}}

        """

    /// One problem: the row of 附件1, its progress, its evidence, and the progress form for those who act there.
    static let ledgerProblem = """
        <h1>整改问题 {{number}}</h1>
        <p><a href="/console/ledger">整改台账</a></p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        {{> facts}}
        <h2>整改进展</h2>
        {{^progress}}<p class="empty">还没有进展。</p>{{/progress}}
        <ol class="timeline">{{#progress}}<li><span class="when">{{label}}</span> {{value}}</li>{{/progress}}</ol>
        <h2>佐证材料</h2>
        {{^evidence}}<p class="empty">还没有佐证材料。</p>{{/evidence}}
        <ul class="files">{{#evidence}}<li><a href="{{href}}">{{name}}</a> <span class="meta">{{detail}}</span></li>{{/evidence}}</ul>
        {{#canWrite}}
        <section class="step">
        <h2>上传佐证材料</h2>
        <form method="post" action="/console/ledger/{{number}}/evidence" enctype="multipart/form-data" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="file">文件（照片、扫描件、文档，一次一个，不超过 {{evidenceLimit}}）</label>
        <input id="file" name="file" type="file" required>
        <button type="submit">上传</button>
        </form>
        </section>
        <section class="step">
        <h2>填报进展</h2>
        <form method="post" action="/console/ledger/{{number}}/progress" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="on">日期</label>
        <input id="on" name="on" type="date" value="{{today}}">
        <label for="text">进展</label>
        <textarea id="text" name="text" rows="3" maxlength="2000"></textarea>
        <button type="submit">记录进展</button>
        </form>
        </section>
        {{/canWrite}}

        """

    /// 报表: which report, which period, which format.
    static let reports = """
        <h1>报表</h1>
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        {{#sectorOnly}}<p class="hint">报表按单位统计全部行业；行业部门请在总览中查看本行业情况。</p>{{/sectorOnly}}
        {{^sectorOnly}}
        <p class="hint">报表在点击时按当前数据生成，与 dixian report 命令的结果相同。统计期间不填则为上一个完整的周、月或季度。</p>
        {{#kinds}}
        <section class="step">
        <h2>{{label}}</h2>
        <form method="get" action="/console/reports/download">
        <input type="hidden" name="kind" value="{{value}}">
        <input type="hidden" name="unit" value="{{unit}}">
        <label for="period-{{value}}">统计期间（{{pattern}}）</label>
        <input id="period-{{value}}" name="period" type="text" placeholder="{{lastPeriod}}" autocomplete="off">
        <label for="format-{{value}}">格式</label>
        <select id="format-{{value}}" name="format"><option value="xlsx">Excel 工作簿 (.xlsx)</option><option value="html">网页 (.html)</option></select>
        <button type="submit">生成并下载</button>
        </form>
        </section>
        {{/kinds}}
        {{/sectorOnly}}

        """

    /// 提醒预览: a plugin's reminders of next month under the running configuration, summed by duty, then listed.
    static let pluginPreview = """
        <h1>{{name}} · 下月提醒预览</h1>
        <p><a href="/console/plugins/{{id}}">返回插件</a></p>
        <p class="hint">按当前生效的配置（含本部门的覆盖参数）推算 {{first}} 至 {{last}} 将发出的提醒和督办，假定期间无人确认完成；只列您权限范围内的单位和发给您本人的消息。不保存、不发送。</p>
        {{#warnings}}<p class="problem">{{.}}</p>{{/warnings}}
        <p>共 {{total}} 条：提醒 {{reminders}} 条，督办 {{escalations}} 条。</p>
        {{^byDuty}}<p class="empty">下月没有要发出的消息。</p>{{/byDuty}}
        <div class="scroll"><table class="figures">
        <thead><tr><th scope="col">任务</th><th scope="col">消息数</th></tr></thead>
        <tbody>
        {{#byDuty}}<tr><th scope="row">{{duty}}</th><td>{{count}}</td></tr>
        {{/byDuty}}
        </tbody></table></div>
        {{#hasLines}}<h2>{{#truncated}}最早的 {{shown}} 条{{/truncated}}{{^truncated}}全部消息{{/truncated}}</h2>{{/hasLines}}
        <ul class="items">
        {{#lines}}<li class="item"><p class="title">{{sendAt}} · {{kind}} · {{duty}}</p><p class="meta">{{recipient}}（{{role}}）· {{channel}} · {{unit}} · {{period}} · 截止 {{due}}</p></li>
        {{/lines}}
        </ul>

        """
}

/// The console's page templates (swift-mustache). Values are HTML-escaped unless a template uses `{{{…}}}`,
/// which only the layout (the page ``ConsoleRenderer`` rendered) and `step-form` (fields from
/// `ProcedureFormPage.html`, which escapes every value) do. No inline script or style: the
/// Content-Security-Policy allows the daemon's own stylesheet only.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "sign-in": signIn, "sign-in-link": signInLink, "message": message, "work": work, "overview": overview,
        "plugins": plugins, "plugin": plugin, "plugin-preview": pluginPreview, "signals": signals, "signal": signal, "cases": cases, "case": caseDetail,
        "step-form": stepForm, "outbox": outbox, "occurrence": occurrence, "ledger": ledger, "ledger-problem": ledgerProblem,
        "reports": reports, "facts": facts, "override": override, "override-changes": overrideChanges, "override-review": overrideReview,
        "override-version": overrideVersion, "override-compare": overrideCompare,
    ]

    /// A page's facts (label and value), as a partial: `{{> facts}}` with `facts` in the view.
    static let facts = """
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>

        """

    static let layout = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta name="robots" content="noindex, nofollow">
        <title>{{title}} - 底线工作台</title>
        <link rel="stylesheet" href="{{stylesheet}}">
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/console/">底线 · 工作台</a>
        {{#user}}
        <nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a>{{/nav}}</nav>
        <form class="signout" method="post" action="/console/sign-out">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <span class="who">{{name}}</span> <button type="submit" class="link">退出</button>
        </form>
        {{/user}}
        </header>
        <main>
        {{{content}}}
        </main>
        <footer>底线 dixian · 防止返贫动态监测与工作提醒</footer>
        </body>
        </html>

        """

    static let signIn = """
        <h1>登录工作台</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        <form method="post" action="/console/sign-in" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="email">工作邮箱</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="{{email}}">
        <p class="hint">输入在组织架构中登记的邮箱，我们会发送一个 15 分钟内有效、只能使用一次的登录链接。</p>
        <button type="submit">发送登录链接</button>
        </form>

        """

    static let signInLink = """
        <h1>登录工作台</h1>
        <p>请点击下面的按钮完成登录。链接只能使用一次。</p>
        <form method="post" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">登录</button>
        </form>

        """

    static let message = """
        <h1>{{heading}}</h1>
        <p{{#isProblem}} class="problem" role="alert"{{/isProblem}}>{{text}}</p>
        {{#next}}<p><a class="button" href="{{href}}">{{title}}</a></p>{{/next}}

        """

    static let work = """
        <h1>我的工作</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <section>
        <h2>待办任务 <span class="count">{{openCount}}</span></h2>
        {{^occurrences}}<p class="empty">目前没有待办任务。</p>{{/occurrences}}
        <ul class="items">
        {{#occurrences}}
        <li id="o{{id}}" class="item{{#overdue}} overdue{{/overdue}}">
        <p class="title">{{title}}</p>
        <p class="meta">{{unit}} · {{period}} · 截止 {{due}}{{#overdue}} · <strong>已逾期 {{daysOverdue}} 天</strong>{{/overdue}}</p>
        {{#target}}<p class="meta">目标：{{target}}</p>{{/target}}
        <form method="post" action="/console/occurrences/{{id}}/done" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#target}}<label for="a{{id}}">完成数量</label>
        <input id="a{{id}}" name="achieved" type="text" inputmode="decimal" autocomplete="off">{{/target}}
        <label for="n{{id}}">备注（选填）</label>
        <input id="n{{id}}" name="note" type="text" maxlength="2000">
        <button type="submit">确认已完成</button>
        </form>
        </li>
        {{/occurrences}}
        </ul>
        </section>
        {{#showCases}}
        <section>
        <h2>我帮扶的监测户 <span class="count">{{caseCount}}</span></h2>
        {{^cases}}<p class="empty">目前没有帮扶对象。</p>{{/cases}}
        <ul class="items">
        {{#cases}}<li class="item"><p class="title"><a href="/console/cases/{{id}}">{{caseNumber}}</a></p><p class="meta">{{unit}} · {{stage}} · {{openedOn}} 起</p></li>{{/cases}}
        </ul>
        </section>
        {{/showCases}}
        <section class="account">
        <form method="post" action="/console/sign-out-everywhere">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">在所有设备上退出登录</button>
        </form>
        </section>

        """

    static let overview = """
        <h1>总览 · {{unit}}</h1>
        {{#up}}<p><a href="{{href}}">{{title}}</a></p>{{/up}}
        <p class="hint">任务按 {{year}} 年截至今天到期的计（已办结或仍未办结）；预警与排查信号累计；监测户为尚未消除风险的。{{#sectorOnly}}只计本部门（本行业）的任务和预警。{{/sectorOnly}}</p>
        <div class="scroll">
        <table class="figures">
        <thead><tr><th scope="col">单位</th><th scope="col">任务完成率</th><th scope="col">到期任务</th><th scope="col">逾期未办</th>\
        <th scope="col">预警信号</th><th scope="col">按时核实</th><th scope="col">核实逾期</th><th scope="col">监测户</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr{{#flagged}} class="flagged"{{/flagged}}>
        <th scope="row">{{#href}}<a href="{{href}}">{{name}}</a>{{/href}}{{^href}}{{name}}{{/href}}</th>
        <td><svg class="meter" width="80" height="10" viewBox="0 0 100 10" role="img" aria-label="完成率 {{rate}}">\
        <rect width="100" height="10" fill="#e8e9eb"/><rect width="{{bar}}" height="10" fill="#1e7b34"/></svg> {{rate}}</td>
        <td>{{due}}</td><td>{{overdue}}</td><td>{{signals}}</td><td>{{verifiedOnTime}}</td><td>{{verificationsOverdue}}</td><td>{{openCases}}</td>
        </tr>
        {{/rows}}
        </tbody>
        </table>
        </div>
        {{#isVillage}}
        <h2>本年任务 <span class="count">{{occurrenceCount}}</span></h2>
        {{^occurrences}}<p class="empty">本年没有已开始的任务。</p>{{/occurrences}}
        <ul class="items">
        {{#occurrences}}<li id="o{{id}}" class="item{{#overdue}} overdue{{/overdue}}"><p class="title"><a href="/console/occurrences/{{id}}">{{title}}</a></p>\
        <p class="meta">{{period}} · 截止 {{due}} · {{status}}</p></li>
        {{/occurrences}}
        </ul>
        {{/isVillage}}

        """

    static let plugins = """
        <h1>插件</h1>
        <p class="hint">各行业部门的任务、筛查规则和参数（只读）。参数由本部门在覆盖配置中调整。</p>
        <ul class="items">
        {{#plugins}}
        <li class="item"><p class="title"><a href="/console/plugins/{{id}}">{{name}}</a></p>
        <p class="meta">{{id}} · 版本 {{version}} · 任务 {{duties}} 项 · 规则 {{rules}} 条{{^enabled}} · 已停用{{/enabled}}{{#overridden}} · 有本地覆盖配置{{/overridden}}</p></li>
        {{/plugins}}
        </ul>

        """

    static let plugin = """
        <h1>{{name}}</h1>
        <p><a href="/console/plugins">全部插件</a></p>
        <p>{{description}}</p>
        {{#overrideFile}}<p class="hint">本地覆盖配置：{{overrideFile}}（由服务器管理）</p>{{/overrideFile}}
        {{#overrideVersion}}<p class="hint">数据库覆盖配置：{{overrideVersion}}（县乡村振兴局已审批）</p>{{/overrideVersion}}
        {{#hasDuties}}<p><a class="button" href="/console/plugins/{{id}}/preview">下月提醒预览</a>{{#mayConfigure}} <a class="button" href="/console/plugins/{{id}}/override">本部门配置</a>{{/mayConfigure}}</p>{{/hasDuties}}
        <h2>参数</h2>
        {{^parameters}}<p class="empty">没有参数。</p>{{/parameters}}
        <div class="scroll"><table class="figures">
        <thead><tr><th scope="col">参数</th><th scope="col">当前值</th><th scope="col">默认值</th><th scope="col">范围</th></tr></thead>
        <tbody>
        {{#parameters}}<tr><th scope="row">{{title}}<br><span class="meta">{{name}}</span></th><td>{{value}}{{#overridden}}（已覆盖）{{/overridden}}</td><td>{{defaultValue}}</td><td>{{#range}}{{range}}{{/range}}{{^range}}—{{/range}}</td></tr>
        {{/parameters}}
        </tbody></table></div>
        <h2>任务</h2>
        <ul class="items">
        {{#duties}}<li class="item"><p class="title">{{title}}</p><p class="meta">{{recurrence}} · 责任人：{{owner}}{{^enabled}} · 已停用{{/enabled}}</p></li>
        {{/duties}}
        </ul>
        {{#hasRules}}<h2>筛查规则</h2>{{/hasRules}}
        <ul class="items">
        {{#rules}}<li class="item"><p class="title">{{title}}</p><p class="meta">风险等级 {{severity}}{{^enabled}} · 已停用{{/enabled}}</p><p class="meta"><code>{{condition}}</code></p></li>
        {{/rules}}
        </ul>

        """

    static let signals = """
        <h1>预警</h1>
        <p class="tabs">{{#tabs}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a> {{/tabs}}</p>
        <p class="hint">第 {{page}} 页，本页 {{count}} 条，核实期限早的在前。名单不显示姓名和身份证号。</p>
        {{^signals}}<p class="empty">没有符合条件的预警。</p>{{/signals}}
        <ul class="items">
        {{#signals}}
        <li id="s{{id}}" class="item{{#overdue}} overdue{{/overdue}}">
        <p class="title"><a href="/console/signals/{{id}}">{{unit}} · {{risks}}</a></p>
        <p class="meta">{{source}}{{#rule}}：{{rule}}{{/rule}} · {{raisedOn}}</p>
        <p class="meta">{{#outcome}}核实结果：{{outcome}}{{/outcome}}{{^outcome}}{{#verifyBy}}核实期限 {{verifyBy}}{{/verifyBy}}{{^verifyBy}}核实期限未定{{/verifyBy}}{{#overdue}} · <strong>已逾期</strong>{{/overdue}}{{/outcome}}</p>
        </li>
        {{/signals}}
        </ul>
        <p class="tabs">{{#previous}}<a href="{{previous}}">上一页</a> {{/previous}}{{#next}}<a href="{{next}}">下一页</a>{{/next}}</p>

        """
}

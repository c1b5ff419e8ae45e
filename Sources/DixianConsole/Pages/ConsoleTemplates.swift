/// The console's page templates (swift-mustache). Values are HTML-escaped unless a template uses `{{{…}}}`,
/// which only ``ConsoleRenderer`` does, for HTML it rendered itself. No inline script or style: the
/// Content-Security-Policy allows the daemon's own stylesheet only.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "sign-in": signIn, "sign-in-link": signInLink, "message": message, "work": work,
    ]

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
        {{#cases}}<li class="item"><p class="title">{{caseNumber}}</p><p class="meta">{{unit}} · {{stage}} · {{openedOn}} 起</p></li>{{/cases}}
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
}

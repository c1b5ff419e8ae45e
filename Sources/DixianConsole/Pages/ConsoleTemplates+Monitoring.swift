extension ConsoleTemplates {
    /// 监测户: the cases in scope, filtered by stage and category.
    static let cases = """
        <h1>监测户</h1>
        <form class="filters" method="get" action="/console/cases">
        <label for="stage">阶段</label>
        <select id="stage" name="stage"><option value="">全部</option>{{#stages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/stages}}</select>
        <label for="category">类别</label>
        <select id="category" name="category"><option value="">全部</option>{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select>
        <button type="submit" class="secondary">筛选</button>
        </form>
        <p class="hint">共 {{count}} 户（最多显示 200 户，时限近的在前）。户主姓名已部分隐去。</p>
        {{^cases}}<p class="empty">没有符合条件的监测户。</p>{{/cases}}
        <ul class="items">
        {{#cases}}
        <li id="c{{id}}" class="item{{#overdue}} overdue{{/overdue}}">
        <p class="title"><a href="/console/cases/{{id}}">{{number}}</a> · {{unit}}{{#head}} · 户主 {{head}}{{/head}}</p>
        <p class="meta">{{stage}} · {{category}} · {{risks}}</p>
        <p class="meta">帮扶责任人：{{#helper}}{{helper}}{{/helper}}{{^helper}}未明确{{/helper}}{{#nextDue}} · 时限 {{nextDue}}{{#overdue}} · <strong>已逾期</strong>{{/overdue}}{{/nextDue}}</p>
        </li>
        {{/cases}}
        </ul>

        """

    /// One case: its facts, its story in date order, and the forms of the steps the person may take now.
    static let caseDetail = """
        <h1>监测户 {{number}}</h1>
        <p><a href="/console/cases">全部监测户</a></p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        {{> facts}}
        {{#forms}}{{> step-form}}{{/forms}}
        <h2>案件经过</h2>
        <ol class="timeline">
        {{#timeline}}<li><span class="when">{{on}}</span> {{what}}{{#by}} <span class="meta">· {{by}}{{#channel}}（{{channel}}）{{/channel}}</span>{{/by}}</li>
        {{/timeline}}
        </ol>

        """

    /// One risk signal: its facts, and the verification form while it is open and the person may verify.
    static let signal = """
        <h1>{{title}}</h1>
        <p><a href="/console/signals">全部预警</a></p>
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        {{> facts}}
        {{#caseID}}<p><a href="/console/cases/{{caseID}}">查看监测户案件</a></p>{{/caseID}}
        {{#forms}}{{> step-form}}{{/forms}}

        """

    /// One occurrence (一期任务): what, where, when, how it stands, and while it is open the confirm form.
    static let occurrence = """
        <h1>{{title}}</h1>
        <p><a href="/console/overview?unit={{unitCode}}">{{unit}}</a></p>
        {{> facts}}
        {{#canConfirm}}
        <section class="step">
        <h2>确认完成</h2>
        <form method="post" action="/console/occurrences/{{id}}/done" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#hasTarget}}<label for="achieved">完成数量</label>
        <input id="achieved" name="achieved" type="text" inputmode="decimal" autocomplete="off">{{/hasTarget}}
        <label for="note">备注（选填）</label>
        <input id="note" name="note" type="text" maxlength="2000">
        <button type="submit">确认已完成</button>
        </form>
        </section>
        {{/canConfirm}}

        """

    /// A step's form inside a page.
    static let stepForm = """
        <section class="step">
        <h2>{{title}}</h2>
        <form method="post" action="{{action}}" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{{fields}}}
        <button type="submit">{{button}}</button>
        </form>
        </section>

        """

    /// 发件箱, county office only: each channel's queue, and the messages that failed, with a retry each.
    static let outbox = """
        <h1>发件箱</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <div class="scroll"><table class="figures">
        <thead><tr><th scope="col">渠道</th><th scope="col">到期待发</th><th scope="col">最早到期</th><th scope="col">发送失败</th><th scope="col">状态</th></tr></thead>
        <tbody>
        {{#channels}}<tr{{#disabled}} class="flagged"{{/disabled}}><th scope="row">{{name}}</th><td>{{due}}</td><td>{{oldest}}</td><td>{{dead}}</td><td>{{#disabled}}已停用{{/disabled}}{{^disabled}}正常{{/disabled}}</td></tr>
        {{/channels}}
        </tbody></table></div>
        <h2>发送失败的消息 <span class="count">{{deadCount}}</span></h2>
        <p class="hint">最近的 50 条。重新发送会清零重试次数；如渠道曾因 410 被停用，会一并恢复。</p>
        {{^dead}}<p class="empty">没有发送失败的消息。</p>{{/dead}}
        <ul class="items">
        {{#dead}}
        <li id="m{{id}}" class="item">
        <p class="title">#{{id}} · {{channel}} · {{recipient}}</p>
        <p class="meta">{{key}} · 尝试 {{attempts}} 次 · {{updated}}</p>
        {{#error}}<p class="meta">{{error}}</p>{{/error}}
        <form method="post" action="/console/outbox/{{id}}/retry">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">重新发送</button>
        </form>
        </li>
        {{/dead}}
        </ul>

        """
}

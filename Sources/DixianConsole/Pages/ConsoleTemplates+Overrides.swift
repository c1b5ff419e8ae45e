extension ConsoleTemplates {
    /// 本部门配置: the live and pending versions, the parameters' form, the YAML text, every version.
    static let override = """
        <h1>本部门配置 · {{name}}</h1>
        <p><a href="/console/plugins/{{id}}">返回插件</a></p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#managedFile}}<p class="problem" role="note">本插件的覆盖配置由服务器上的文件 {{managedFile}} 管理（只读）。在此保存的版本不会生效，如需修改请联系县乡村振兴局的系统管理员。</p>{{/managedFile}}
        <dl class="facts"><dt>现行版本</dt><dd>{{#live}}{{live}}{{/live}}{{^live}}无（按插件默认设置）{{/live}}</dd>
        <dt>本实例运行</dt><dd>{{#running}}{{running}}{{/running}}{{^running}}{{#managedFile}}服务器文件{{/managedFile}}{{^managedFile}}插件默认设置{{/managedFile}}{{/running}}</dd>
        {{#replicas}}<dt>实例 {{host}}</dt><dd>{{version}}{{#behind}}（尚未加载现行版本）{{/behind}}</dd>{{/replicas}}</dl>
        {{#pending}}<p class="notice">第 {{version}} 版待审批（{{by}}，{{at}}）：<a href="{{href}}">查看</a></p>{{/pending}}
        {{#hasProblems}}<div class="problem" role="alert"><p>未保存，请修改后重试：</p><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>{{/hasProblems}}
        {{#editable}}
        {{#hasFields}}
        <section class="step">
        <h2>参数与任务设置</h2>
        {{^formAvailable}}<p class="hint">现行版本的写法无法用表单改写，请使用下方的 YAML 文本。</p>{{/formAvailable}}
        {{#formAvailable}}
        <p class="hint">修改后点“检查并预览”，先看改动和下月提醒，确认后再提交县乡村振兴局审批。留空即恢复默认值。</p>
        <form method="post" action="{{base}}/preview" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="mode" value="form">
        {{#fields}}
        <label for="{{htmlID}}">{{title}}{{#unit}}（{{unit}}）{{/unit}}</label>
        {{#isEnum}}<select id="{{htmlID}}" name="{{field}}">{{#options}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/options}}</select>{{/isEnum}}
        {{^isEnum}}<input id="{{htmlID}}" name="{{field}}" {{#isDate}}type="date"{{/isDate}}{{^isDate}}type="text"{{/isDate}} value="{{value}}"{{#hasErrors}} aria-invalid="true"{{/hasErrors}}>{{/isEnum}}
        {{#errors}}<p class="field-error" role="alert">{{.}}</p>{{/errors}}
        <p class="meta">{{kind}}{{#range}} · 范围 {{range}}{{/range}} · {{name}}</p>
        <p class="meta">{{description}}</p>
        {{/fields}}
        <h3>任务的提醒、渠道和接收人</h3>
        {{#duties}}
        <details{{#open}} open{{/open}}><summary>{{title}}</summary>
        <label for="{{enabledID}}">是否执行</label>
        <select id="{{enabledID}}" name="{{enabledField}}"><option value="true"{{#isEnabled}} selected{{/isEnabled}}>执行</option><option value="false"{{^isEnabled}} selected{{/isEnabled}}>停用</option></select>
        {{#enabledErrors}}<p class="field-error" role="alert">{{.}}</p>{{/enabledErrors}}
        {{#fields}}
        <label for="{{htmlID}}">{{label}}</label>
        <input id="{{htmlID}}" name="{{field}}" type="text" value="{{value}}"{{#hasErrors}} aria-invalid="true"{{/hasErrors}}>
        {{#errors}}<p class="field-error" role="alert">{{.}}</p>{{/errors}}
        <p class="meta">{{hint}}</p>
        {{/fields}}
        <p class="meta">{{id}}</p>
        </details>
        {{/duties}}
        <button type="submit">检查并预览</button>
        </form>
        {{/formAvailable}}
        </section>
        {{/hasFields}}
        <section class="step">
        <h2>YAML 文本（高级）</h2>
        <p class="hint">表单以外的设置（督办阶梯、依据文件、全插件渠道等）在此修改，格式同服务器上的覆盖配置文件（见 plugins/README.md 第 11 节）。用表单保存时，文本按固定格式重写，注释不保留。</p>
        <form method="post" action="{{base}}/preview" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="mode" value="text">
        <label for="override-text">覆盖配置</label>
        <textarea id="override-text" name="text" rows="14" spellcheck="false">{{text}}</textarea>
        <button type="submit">检查并预览</button>
        </form>
        </section>
        {{/editable}}
        <h2>全部版本</h2>
        {{^hasVersions}}<p class="empty">还没有保存过版本。</p>{{/hasVersions}}
        <ul class="items">{{#versions}}<li class="item"><p class="title"><a href="{{href}}">第 {{version}} 版</a> · {{state}}</p><p class="meta">{{by}} · {{at}}{{#comment}} · 意见：{{comment}}{{/comment}}</p></li>{{/versions}}</ul>
        {{#hasVersions}}
        <form class="filters" method="get" action="{{base}}/compare">
        <label for="from">比较两个版本（0 为插件默认设置）</label>
        <select id="from" name="from">{{#choices}}<option>{{value}}</option>{{/choices}}</select>
        <select id="to" name="to" aria-label="与">{{#choices}}<option>{{value}}</option>{{/choices}}</select>
        <button type="submit" class="secondary">比较</button>
        </form>
        {{/hasVersions}}

        """

    /// What a change does, as a partial: the text's diff, the parameters and duties that differ, the reminders.
    static let overrideChanges = """
        {{#review}}
        <h2>改动</h2>
        {{#unchanged}}<p class="hint">与现行版本相同。</p>{{/unchanged}}
        {{#hasParameters}}<div class="scroll"><table class="figures"><thead><tr><th scope="col">参数</th><th scope="col">现行</th><th scope="col">改为</th></tr></thead><tbody>
        {{#parameters}}<tr><th scope="row">{{title}}</th><td>{{old}}</td><td>{{new}}</td></tr>{{/parameters}}
        </tbody></table></div>{{/hasParameters}}
        {{#hasDuties}}<p>设置有变化的任务：{{#duties}}{{.}}　{{/duties}}</p>{{/hasDuties}}
        <pre class="diff">{{#diff}}<span class="{{mark}}">{{text}}</span>{{/diff}}</pre>
        <h2>下月提醒预览（{{month}}）</h2>
        <p class="hint">按新设置，您可见范围内共 {{proposedTotal}} 条（现行设置 {{currentTotal}} 条）。仅为预览，不保存、不发送。</p>
        {{#warnings}}<p class="problem">{{.}}</p>{{/warnings}}
        <div class="scroll"><table class="figures"><thead><tr><th scope="col">任务</th><th scope="col">现行</th><th scope="col">新设置</th></tr></thead><tbody>
        {{#counts}}<tr{{#differs}} class="flagged"{{/differs}}><th scope="row">{{duty}}</th><td>{{current}}</td><td>{{proposed}}</td></tr>{{/counts}}
        </tbody></table></div>
        <ul class="items">{{#lines}}<li class="item"><p class="title">{{sendAt}} · {{kind}} · {{duty}}</p><p class="meta">{{recipient}}（{{role}}，{{unit}}）· {{channel}} · 截止 {{due}}</p></li>{{/lines}}</ul>
        {{/review}}

        """

    /// The preview before saving, with the button that saves.
    static let overrideReview = """
        <h1>检查通过 · {{name}}</h1>
        <p class="notice" role="status">新设置可以加载。请核对改动和下月提醒，再提交县乡村振兴局审批。</p>
        {{> override-changes}}
        <form method="post" action="{{base}}" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="text" value="{{text}}">
        <button type="submit">提交审批</button>
        </form>
        <p><a href="{{base}}">返回修改</a></p>

        """

    /// One version, its decision form and its restore button.
    static let overrideVersion = """
        <h1>{{name}} · 第 {{version}} 版</h1>
        <p><a href="{{base}}">返回本部门配置</a></p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        {{#problems}}<p class="problem">{{.}}</p>{{/problems}}
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        {{> override-changes}}
        {{#canDecide}}
        <section class="step">
        <h2>审批</h2>
        <form method="post" action="{{base}}/versions/{{version}}/decision" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="comment">审批意见（可选，一行）</label>
        <input id="comment" name="comment" type="text" maxlength="500">
        <button type="submit" name="decision" value="approve">审批通过</button>
        <button type="submit" name="decision" value="reject" class="secondary">驳回</button>
        </form>
        </section>
        {{/canDecide}}
        {{#ownVersion}}<p class="hint">本版本由您提交，需由县乡村振兴局其他工作人员审批。</p>{{/ownVersion}}
        <h2>YAML 文本</h2>
        <pre class="diff">{{text}}</pre>
        {{#canRestore}}
        <form method="post" action="{{base}}/versions/{{version}}/restore" accept-charset="UTF-8">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">恢复为新版本（待审批）</button>
        </form>
        {{/canRestore}}

        """

    static let overrideCompare = """
        <h1>{{name}} · 第 {{from}} 版与第 {{to}} 版</h1>
        <p><a href="{{base}}">返回本部门配置</a></p>
        <pre class="diff">{{#diff}}<span class="{{mark}}">{{text}}</span>{{/diff}}</pre>

        """
}

/// The help text (`# HELP`) of the metrics the daemon records through swift-metrics.
///
/// swift-metrics has no place for help text, and swift-prometheus registers such metrics without it (and refuses
/// a second registration of one name with different help), so the exposition gets these lines added instead.
/// Prometheus' linter (`promtool check metrics`) asks for help on every family; `MetricHelpTests` checks that
/// every metric the sources record has its line here.
enum MetricHelp {
    static let texts: [String: String] = [
        "dixian_embedded_postgres_restarts_total": "内置 PostgreSQL 意外退出后的重启次数 (restarts of the embedded PostgreSQL)",
        "dixian_scheduler_leader": "本实例持有排期锁为 1 (1 while this replica holds the planner lock)",
        "dixian_scheduler_tick_duration_seconds": "一次排期的耗时 (duration of a planning tick)",
        "dixian_scheduler_tick_failures_total": "排期失败次数 (planning ticks that failed)",
        "dixian_occurrences_planned_total": "排期写入的任务期数 (occurrences written by planning ticks)",
        "dixian_notifications_planned_total": "排期写入的提醒条数 (outbox messages written by planning ticks)",
        "dixian_holiday_calendar_missing_years": "排期范围内缺少节假日安排的年数 (years in the horizon without a holiday calendar)",
        "dixian_unreachable_recipients": "任何渠道都送达不到的任务与干部组合数 (duty/official pairs no channel reaches), last tick",
        "dixian_unassigned_occurrences": "责任角色无人担任的任务期数 (occurrences whose owner role has no holder), last tick",
        "dixian_screening_runs_total": "守护进程筛查的规则次数 (rules screened by the daemon)",
        "dixian_screening_failures_total": "筛查失败次数 (screening passes that failed)",
        "dixian_screening_last_run_timestamp_seconds": "最近一次全部规则筛查的时间 (last screening of every rule, Unix seconds)",
        "dixian_bulletins_issued_total": "本实例发布的每周通报数 (weekly bulletins issued)",
        "dixian_bulletin_failures_total": "每周通报发布失败次数 (weekly bulletin attempts that failed)",
        "dixian_outbox_months_dropped_total": "按保留期删除的发件箱月分区数 (outbox months dropped after retention.sent_messages)",
        "dixian_partition_failures_total": "按月分区维护失败次数 (partition maintenance attempts that failed)",
        "dixian_notify_sent_total": "已送达的消息数 (messages delivered)",
        "dixian_notify_failed_total": "发送失败的尝试次数, 按类别 (failed attempts by kind)",
        "dixian_notify_dead_total": "转入死信的消息数 (messages dead-lettered)",
        "dixian_outbox_queue_depth": "到期待发的消息数 (messages due and waiting)",
        "dixian_outbox_oldest_pending_age_seconds": "最早一条到期未送出消息已等待的秒数 (age of the oldest undelivered message)",
        "dixian_outbox_dead_letters": "等待管理员处理的死信数 (dead letters nobody retried yet)",
        "dixian_notify_channel_disabled": "渠道因对方返回 410 被停用为 1 (1 while the channel is disabled by HTTP 410)",
        "dixian_scheduler_last_tick_timestamp_seconds": "最近一次排期成功的时间 (last successful planning tick, Unix seconds)",
        "dixian_notify_delivery_latency_seconds": "从到期到对方接收的时间 (due time to accepted by the receiver)",
        "dixian_signals": "记录的风险信号数, 按乡镇和来源 (signals recorded, by town and source)",
        "dixian_verifications_pending": "待核实的风险信号数 (signals awaiting verification)",
        "dixian_verifications_overdue": "超过核实时限仍未核实的风险信号数 (signals past their verification deadline)",
        "dixian_verifications_done": "已核实的风险信号数, 按是否按时 (signals verified, on time or late)",
        "dixian_cases": "监测帮扶案件数, 按阶段 (monitoring cases by stage)",
        "dixian_case_clocks_overdue": "10 日、30 日时限已过仍未完成的案件数 (10-day and 30-day clocks past due, unmet)",
        "dixian_screening_rule_last_run_timestamp_seconds": "规则最近一次筛查的时间, 0 为从未 (last screening of the rule, Unix seconds)",
        "dixian_screening_rule_rows": "规则最近一次筛查读取的行数 (rows the rule's last screening read)",
        "dixian_screening_rule_matched": "规则最近一次筛查命中的行数 (rows the rule's last screening matched)",
        "dixian_screening_rule_data_missing_rows": "规则最近一次筛查因数据缺失无法判断的行数 (rows not decided: data missing)",
        "dixian_dataset_last_import_timestamp_seconds": "数据集最近一次导入的时间, 0 为从未导入 (last import, Unix seconds)",
        "dixian_work_figures_failures_total": "工作进度指标读取失败次数 (failed reads of the work figures)",
    ]

    /// The exposition with a `# HELP` line before each `# TYPE` line of a family that has none.
    static func annotate(_ exposition: [UInt8]) -> [UInt8] {
        let text = String(decoding: exposition, as: UTF8.self)
        var output: [Substring] = []
        var lastHelp: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# HELP ") {
                lastHelp = line.dropFirst("# HELP ".count).prefix { $0 != " " }
            } else if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst("# TYPE ".count).prefix { $0 != " " }
                if lastHelp != name, let help = Self.texts[String(name)] { output.append("# HELP \(name) \(help)"[...]) }
                lastHelp = nil
            }
            output.append(line)
        }
        return Array(output.joined(separator: "\n").utf8)
    }
}

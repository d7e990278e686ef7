# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_anjuan_global_optspecs
    string join \n lang= h/help V/version
end

function __fish_anjuan_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_anjuan_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_anjuan_using_subcommand
    set -l cmd (__fish_anjuan_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c anjuan -n "__fish_anjuan_needs_command" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_needs_command" -s V -l version -d 'Print version'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "init" -d '导入、校验并冻结案卷目录 / import, validate and freeze registers into a new workspace'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "commit" -d '抽样前承诺：分配表与摘要 / the pre-seed commitment: allocation and its digest'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "draw" -d '见证抽取 / the witnessed draw'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "verify" -d '复核工作区的全部记录 / re-derive and check everything in a workspace'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "sample" -d '无状态抽样，输出到标准输出 / stateless draw for scripts and third parties'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "review" -d '评查：打分、定稿、退回、导入、查看 / review: score, finalize, reopen, import, show'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "checklist" -d '评查标准文件：校验、列出 / checklist files: check, list'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "tui" -d '终端界面：抽样仪式与评查台 / the terminal UI: draw ceremony and review desk'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "export" -d '导出可打印的表格（XLSX 与 CSV）/ export printable sheets (XLSX and CSV)'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "team" -d '评查组：名单、密钥、随机分配、离线评查包与合并 / the review team: roster, keys, random assignment, offline packages and merging'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "demo" -d '用 samples/ 中的虚构数据演示整个流程 / rehearse the whole flow on the fictional samples'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "template" -d '空白模板：发给各执法机关的案卷目录、评查人员名单 / blank templates: the register agencies fill in, the reviewer roster'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "rectify" -d '整改：事项清单、定方案、报告、销号、退回、移送 / rectification: items, plan, report, close, return, refer'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "feedback" -d '评查意见书：向案卷已全部定稿的执法机关下发（DOCX 与 XLSX）/ feedback letters to agencies whose files are all finalized (DOCX and XLSX)'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "publish" -d '公开页面：在任何浏览器中自行复核抽取的单个 HTML 文件 / the public page: one HTML file that re-checks the draw in any browser'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "risk" -d '风险筛查：对全部冻结案卷检查罚款、期限和涉企检查频次 / risk scan: fines, time limits and inspection frequency over every frozen case'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "replace" -d '替补：受邀代表不能到场时，由同层下一名备选按序替补（记录原因）/ replace a representative who cannot come by the next alternate of the stratum, recording why'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "report" -d '评查情况通报（草稿，DOCX）/ the review bulletin draft (DOCX)'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "ballot" -d '民主评议：测评票设置、印制、计票、结果 / democratic appraisal: ballot setup, printing, counting, results'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "manual" -d '写出每个命令的手册页（man）/ write a manual page per command (man)'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "completions" -d '打印 shell 补全脚本 / print shell completions'
complete -c anjuan -n "__fish_anjuan_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l register -d '案卷目录文件（CSV/XLSX，可多个）/ register files' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l name -d '专项名称 / campaign name' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l agencies -d '应报送的执法机关名单（CSV/XLSX，每行一个）/ the list of agencies that must report (one a row)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l zero-report -d '登记零报告的机关（可重复）/ an agency that declared no cases (repeatable)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l allow-missing -d '缺少案卷目录仍冻结的机关（可重复，须 --reason）/ freeze without this agency\'s register (repeatable; needs --reason)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l reason -d '--allow-missing 的原因（按顺序对应；只给一个时适用于全部）/ why, for each --allow-missing in order (one applies to all)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l carry -d '回头看：带入上一年工作区中未完成的整改事项 / bring last year\'s unfinished rectification items in from its workspace' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l population -d '总体：案卷（默认）或监管对象（民主评议代表，按统一社会信用代码）/ what the register lists: case files (default) or regulated entities (民主评议; id = credit code)' -r -f -a "cases\t'案卷 / case files'
entities\t'监管对象（企业、个体工商户、社会组织）/ regulated entities'"
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l id-column -d '案号列名 / header of the case id column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l agency-column -d '执法机关列名 / header of the agency column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l case-type-column -d '案件类型列名 / header of the case type column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l date-column -d '办结日期列名 / header of the closed-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l title-column -d '案件名称列名 / header of the case name column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l party-column -d '当事人列名 / header of the party column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l stratum -d '分层字段（可重复，默认执法机关）/ stratum field, repeatable (default: the agency)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l agency-for -d '为没有执法机关列的文件指定机关 / agency for a file without that column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l filter -d '筛选：closed>=2024-01-01, closed<=…, case_type=…, agency=…（可重复）' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l encoding -d '文本编码（默认自动识别）/ text encoding (detected when omitted)' -r -f -a "utf-8\t''
gbk\t''
gb18030\t''
utf-16le\t'UTF-16 little-endian with a byte-order mark (Excel\'s and WPS\'s "Unicode 文本")'
utf-16be\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l sheet -d '工作表名（默认第一个；all 表示全部）/ workbook sheet (default: the first; `all` for every sheet)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l header-row -d '表头所在行（按表格显示的行号），或 文件=行号；默认自动查找 / the header\'s row as the spreadsheet numbers it, or FILE=N; found automatically when omitted' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l agency-from-sheet -d '以工作表名作为执法机关（可指定文件）/ each sheet\'s name is its agency (optionally for one FILE)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l delimiter -d '文本文件的分隔符（默认自动识别）/ delimiter of text files (detected when omitted)' -r -f -a "comma\t''
tab\t''
semicolon\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l violation-column -d '违法行为列名（风险筛查用）/ header of the violation column (risk scan)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l basis-column -d '处罚依据列名 / header of the legal-basis column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l circumstance-column -d '违法情节列名 / header of the circumstance column (轻微/一般/严重)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l fine-column -d '罚款金额列名 / header of the fine column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l procedure-column -d '程序类型列名 / header of the procedure column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l filed-date-column -d '立案日期列名 / header of the filed-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l decided-date-column -d '决定日期列名 / header of the decision-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l violation-date-column -d '违法行为发生日期列名 / header of the violation-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l extension-column -d '延长期限列名 / header of the extension column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l credit-code-column -d '统一社会信用代码列名 / header of the credit-code column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -l numeric-ids -d '接受数字格式的案号单元格 / accept number cells as case ids'
complete -c anjuan -n "__fish_anjuan_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l n -d '抽取总数 / total files to draw (proportional)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l method -r -f -a "proportional\t''
equal\t''
fixed\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l min-per-stratum -d '每层至少 / minimum per stratum (proportional)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l per-stratum -d '每层抽取数 / files per stratum (equal)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l quotas -d '配额表（CSV：分层字段…, 数量）/ quota table for fixed: stratum fields…, count' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l alternates -d '每层备选数 / alternates per stratum' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l targeted -d '重点抽查：把风险筛查标出的案卷加入抽取（指标，逗号分隔，如 顶格罚款,超期办结）/ targeted files: add the cases these risk indicators flagged (comma-separated, e.g. top_fine,overdue)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l targeted-max -d '重点抽查最多 K 件（按签号顺序选取；默认全部）/ at most K targeted files, chosen in ticket order (default: all)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l risk-scan -d '依据第 N 次风险筛查（默认最近一次）/ take them from recorded risk scan N (default: the latest)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l seed -d '种子（≥20 位数字）/ the seed, at least 20 digits' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l seed-part -d '分段录入：谁=数字（按顺序拼接）/ a part of the seed: WHO=DIGITS, in order' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l witness -d '见证人：姓名/单位 / witness: NAME/UNIT' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l supersede -d '作废上一次抽取的理由 / supersede the previous draw, stating why' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l place -d '抽取地点 / where the draw took place' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l organiser -d '组织人 / organiser' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand draw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l register -d '原始案卷目录文件（按导入顺序）/ the original register files, in import order' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l journal-head -d '评查表上打印的日志摘要，核对其仍在日志链中 / a journal head printed on a sheet, to check it is still in the chain' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l record-head -d '整改表上打印的整改记录头，核对其仍在记录链中 / a rectification record head printed on a sheet, to check it is still in the chain' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l ballot-head -d '测评结果表上打印的测评票记录头，核对其仍在记录链中 / a ballot record head printed on a results sheet, to check it is still in the chain' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l export -d '导出文件夹（含 manifest.json），核对其文件与记录一致 / an export folder to check against the record' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l quiet -d '只显示不一致项 / show only what differs'
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -l full -d '与 --export 同用时也重读登记册、重算抽取（读取全部案卷）/ with --export, also re-read the registers and recompute the draws (reads every case)'
complete -c anjuan -n "__fish_anjuan_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l seed -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l n -d '抽取总数 / total files to draw (proportional)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l method -r -f -a "proportional\t''
equal\t''
fixed\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l min-per-stratum -d '每层至少 / minimum per stratum (proportional)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l per-stratum -d '每层抽取数 / files per stratum (equal)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l quotas -d '配额表（CSV：分层字段…, 数量）/ quota table for fixed: stratum fields…, count' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l alternates -d '每层备选数 / alternates per stratum' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l population -d '总体：案卷（默认）或监管对象（民主评议代表，按统一社会信用代码）/ what the register lists: case files (default) or regulated entities (民主评议; id = credit code)' -r -f -a "cases\t'案卷 / case files'
entities\t'监管对象（企业、个体工商户、社会组织）/ regulated entities'"
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l id-column -d '案号列名 / header of the case id column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l agency-column -d '执法机关列名 / header of the agency column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l case-type-column -d '案件类型列名 / header of the case type column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l date-column -d '办结日期列名 / header of the closed-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l title-column -d '案件名称列名 / header of the case name column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l party-column -d '当事人列名 / header of the party column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l stratum -d '分层字段（可重复，默认执法机关）/ stratum field, repeatable (default: the agency)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l agency-for -d '为没有执法机关列的文件指定机关 / agency for a file without that column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l filter -d '筛选：closed>=2024-01-01, closed<=…, case_type=…, agency=…（可重复）' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l encoding -d '文本编码（默认自动识别）/ text encoding (detected when omitted)' -r -f -a "utf-8\t''
gbk\t''
gb18030\t''
utf-16le\t'UTF-16 little-endian with a byte-order mark (Excel\'s and WPS\'s "Unicode 文本")'
utf-16be\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l sheet -d '工作表名（默认第一个；all 表示全部）/ workbook sheet (default: the first; `all` for every sheet)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l header-row -d '表头所在行（按表格显示的行号），或 文件=行号；默认自动查找 / the header\'s row as the spreadsheet numbers it, or FILE=N; found automatically when omitted' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l agency-from-sheet -d '以工作表名作为执法机关（可指定文件）/ each sheet\'s name is its agency (optionally for one FILE)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l delimiter -d '文本文件的分隔符（默认自动识别）/ delimiter of text files (detected when omitted)' -r -f -a "comma\t''
tab\t''
semicolon\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l violation-column -d '违法行为列名（风险筛查用）/ header of the violation column (risk scan)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l basis-column -d '处罚依据列名 / header of the legal-basis column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l circumstance-column -d '违法情节列名 / header of the circumstance column (轻微/一般/严重)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l fine-column -d '罚款金额列名 / header of the fine column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l procedure-column -d '程序类型列名 / header of the procedure column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l filed-date-column -d '立案日期列名 / header of the filed-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l decided-date-column -d '决定日期列名 / header of the decision-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l violation-date-column -d '违法行为发生日期列名 / header of the violation-date column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l extension-column -d '延长期限列名 / header of the extension column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l credit-code-column -d '统一社会信用代码列名 / header of the credit-code column' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l format -r -f -a "csv\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -l numeric-ids -d '接受数字格式的案号单元格 / accept number cells as case ids'
complete -c anjuan -n "__fish_anjuan_using_subcommand sample" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "setup" -d '评查方案：评查标准、案件类型对应、问题类别体系 / the review plan: checklists, case type mapping, category set'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "status" -d '全部抽中案卷的评查进度 / progress of every drawn file'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "show" -d '一份案卷的评查表 / one file\'s checklist and decisions'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "set" -d '对一个条目作出结论 / decide one item'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "finalize" -d '定稿（全部条目已评）/ finalize a file (every item decided)'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "reopen" -d '退回已定稿的案卷 / reopen a finalized file'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "import" -d '从 CSV/XLSX 导入评查结论 / import decisions from CSV/XLSX'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "resolve" -d '复核人裁定双人评查的分歧条目 / the checker resolves an item two reviewers decided differently'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and not __fish_seen_subcommand_from setup status show set finalize reopen import resolve help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -l checklist -d '评查标准文件（可重复；默认内置的五套）/ checklist file, repeatable (default: the five built-in ones)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -l map -d '案件类型对应的评查标准 / case type to checklist, e.g. "行政处罚（一般程序）=xzcf-ordinary"' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -l default-checklist -d '其他类型一律使用的评查标准 / checklist for any other case type' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -l categories -d '问题类别体系 / category set the findings report under' -r -f -a "youxian\t'攸县专项整治方案（四类问题，附件2 问题清单、附件3 统计表）'
liulin\t'柳林县突出问题专项整治（“八个方面”）'
hunan\t'湖南省发改系统专项整治方案（七类问题）'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from status" -l format -d '输出格式 / output format' -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from status" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from status" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from show" -l format -d '输出格式 / output format' -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from show" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from show" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l deduct -d '扣分（分值）/ deduct POINTS' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l finding -d '问题描述（扣分、否决时必填）/ finding (required for deduct and veto)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l evidence -d '卷内页码 / evidence reference, e.g. page numbers' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l reviewer -d '评查人 / reviewer' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l pass -d '符合 / pass'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l na -d '不适用 / not applicable'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l veto -d '否决 / veto'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -l clear -d '撤销该条目的结论 / make the item undecided again'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from finalize" -l reviewer -d '评查人 / reviewer' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from finalize" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from finalize" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from finalize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from reopen" -l reason -d '退回理由 / reason' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from reopen" -l reviewer -d '评查人 / reviewer' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from reopen" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from reopen" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from reopen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from import" -l sheet -d 'XLSX 工作表名 / XLSX sheet' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from import" -l encoding -d '文本编码（默认自动识别）/ text encoding (detected when omitted)' -r -f -a "utf-8\t''
gbk\t''
gb18030\t''
utf-16le\t'UTF-16 little-endian with a byte-order mark (Excel\'s and WPS\'s "Unicode 文本")'
utf-16be\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from import" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from import" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from resolve" -l take -d '采用哪位评查人的结论（名单编号）/ whose decision to adopt (roster id)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from resolve" -l reason -d '裁定理由 / reason' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from resolve" -l reviewer -d '复核人（名单编号）/ the checker (roster id)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from resolve" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from resolve" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "setup" -d '评查方案：评查标准、案件类型对应、问题类别体系 / the review plan: checklists, case type mapping, category set'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "status" -d '全部抽中案卷的评查进度 / progress of every drawn file'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "show" -d '一份案卷的评查表 / one file\'s checklist and decisions'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "set" -d '对一个条目作出结论 / decide one item'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "finalize" -d '定稿（全部条目已评）/ finalize a file (every item decided)'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "reopen" -d '退回已定稿的案卷 / reopen a finalized file'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "import" -d '从 CSV/XLSX 导入评查结论 / import decisions from CSV/XLSX'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "resolve" -d '复核人裁定双人评查的分歧条目 / the checker resolves an item two reviewers decided differently'
complete -c anjuan -n "__fish_anjuan_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and not __fish_seen_subcommand_from check list help" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and not __fish_seen_subcommand_from check list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and not __fish_seen_subcommand_from check list help" -f -a "check" -d '校验评查标准文件 / validate checklist files'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and not __fish_seen_subcommand_from check list help" -f -a "list" -d '列出内置评查标准 / list the built-in checklists'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and not __fish_seen_subcommand_from check list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from check" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from list" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "check" -d '校验评查标准文件 / validate checklist files'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "list" -d '列出内置评查标准 / list the built-in checklists'
complete -c anjuan -n "__fish_anjuan_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand tui" -l reviewer -d '评查人姓名或名单编号（不填则在打开案卷时询问）/ reviewer name or roster id (asked when a file is opened if omitted)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand tui" -l key -d '本人的签名密钥文件（在评查包中必须提供）/ your signing key file (required in a reviewer package)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand tui" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand tui" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand export" -l out -d '导出到此文件夹 / folder to write the sheets into' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand export" -l as-of -d '整改表按此日期计算逾期（默认今天，记入清单）/ count overdue items as of this date (default today; recorded in the manifest)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand export" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "keygen" -d '在本人电脑上生成签名密钥（私钥留在本机）/ make your signing key on your own machine (the secret stays there)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "roster" -d '导入评查人员名单（CSV/XLSX）/ import the reviewer roster (CSV/XLSX)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "key" -d '登记评查人的公钥（.pub 文件或 64 位十六进制）/ register a reviewer\'s public key (.pub file or 64 hex digits)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "assign" -d '抽取后随机分配评查人（可复算）/ assign reviewers at random after the draw (recomputable)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "reassign" -d '调整个别案卷的评查人并记录理由 / move a file to another reviewer, with the reason'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "status" -d '名单、分配与进度 / roster, assignment and progress'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "package" -d '为评查人导出离线评查包 / export a reviewer\'s offline package'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "merge" -d '合并评查包（核验签名与日志链）/ merge reviewer packages back (signatures and chains checked)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and not __fish_seen_subcommand_from keygen roster key assign reassign status package merge help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from keygen" -l reviewer -d '本人在名单中的编号 / your roster id' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from keygen" -l out -d '密钥文件存放的文件夹 / folder for the key files' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from keygen" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from roster" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from roster" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from key" -l reviewer -d '名单编号（.pub 文件中已写明时可省略）/ roster id (may be omitted when the .pub file names it)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from key" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from assign" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from assign" -l double -d '每卷由两名不同单位的评查人独立评查 / two independent reviewers from different units per file'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from reassign" -l from -d '原评查人（名单编号；备选案卷新增评查人时省略）/ current reviewer (roster id; omit to give an alternate its reviewer)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from reassign" -l to -d '新评查人（名单编号）/ new reviewer (roster id)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from reassign" -l reason -d '理由 / reason' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from reassign" -l by -d '决定人（组长）/ who decided (the lead)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from reassign" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from reassign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from status" -l format -d '输出格式 / output format' -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from status" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from package" -l reviewer -d '名单编号 / roster id' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from package" -l out -d '评查包文件夹（新建）/ package folder (new)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from package" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from package" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from merge" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "keygen" -d '在本人电脑上生成签名密钥（私钥留在本机）/ make your signing key on your own machine (the secret stays there)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "roster" -d '导入评查人员名单（CSV/XLSX）/ import the reviewer roster (CSV/XLSX)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "key" -d '登记评查人的公钥（.pub 文件或 64 位十六进制）/ register a reviewer\'s public key (.pub file or 64 hex digits)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "assign" -d '抽取后随机分配评查人（可复算）/ assign reviewers at random after the draw (recomputable)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "reassign" -d '调整个别案卷的评查人并记录理由 / move a file to another reviewer, with the reason'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "status" -d '名单、分配与进度 / roster, assignment and progress'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "package" -d '为评查人导出离线评查包 / export a reviewer\'s offline package'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "merge" -d '合并评查包（核验签名与日志链）/ merge reviewer packages back (signatures and chains checked)'
complete -c anjuan -n "__fish_anjuan_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand demo" -l samples -d 'samples/ 所在目录 / where the sample registers are' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand demo" -l keep -d '保留演示工作区于此（默认临时目录）/ keep the demo workspace here' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand demo" -l build -d '不打开界面，在此（不存在或空的）文件夹建成完整的虚构评查项目：抽取并评完全部样本案卷 / build a complete fictional campaign here (a new or empty folder): drawn and every sample file reviewed' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand demo" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand demo" -l print -d '不打开界面，只打印演示过程 / print the rehearsal instead of opening the terminal UI'
complete -c anjuan -n "__fish_anjuan_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and not __fish_seen_subcommand_from register roster help" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and not __fish_seen_subcommand_from register roster help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and not __fish_seen_subcommand_from register roster help" -f -a "register" -d '案卷目录模板（发给各执法机关填写）/ the case register template the agencies fill in'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and not __fish_seen_subcommand_from register roster help" -f -a "roster" -d '评查人员名单模板（供 team roster 导入）/ the reviewer roster template (for team roster)'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and not __fish_seen_subcommand_from register roster help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from register" -l out -d '写出的 .xlsx 文件（默认：案卷目录模板.xlsx / 评查人员名单模板.xlsx）/ the .xlsx file to write' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from register" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from register" -l force -d '覆盖已有文件 / replace an existing file'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from register" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from roster" -l out -d '写出的 .xlsx 文件（默认：案卷目录模板.xlsx / 评查人员名单模板.xlsx）/ the .xlsx file to write' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from roster" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from roster" -l force -d '覆盖已有文件 / replace an existing file'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from roster" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "register" -d '案卷目录模板（发给各执法机关填写）/ the case register template the agencies fill in'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "roster" -d '评查人员名单模板（供 team roster 导入）/ the reviewer roster template (for team roster)'
complete -c anjuan -n "__fish_anjuan_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "list" -d '列出整改事项 / list the rectification items'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "show" -d '一个整改事项的全部情况 / everything about one item'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "plan" -d '定领导、定责任、定方案、定时限 / plan: leader, person responsible, measures, deadline'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "report" -d '报告整改进展或完成 / report progress, or that it is done'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "close" -d '销号（仅对已整改事项，且不能由报告人本人）/ close an item reported done (not by its reporter)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "return" -d '退回整改 / return an item reported done'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "refer" -d '问责线索移送 / refer an item to the supervision and accountability group'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "recheck" -d '回头看：先承诺（--share），宣读摘要后以骰子种子抽取复查的已销号事项 / re-check draw: commit (--share), read out the digest, then draw with the dice seed'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "rechecked" -d '录入回头看复查结果（反弹则重新打开）/ record a re-check result (a rebound reopens the item)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "carry" -d '带入上一年工作区中未完成的整改事项 / bring last year\'s unfinished items in from its workspace'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "sheet" -d '生成某执法机关的整改台账（XLSX），供其离线填写 / write an agency\'s rectification sheet (XLSX) to fill in offline'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "import" -d '导入执法机关填回的整改台账（XLSX 或 CSV）/ import a rectification sheet an agency filled in (XLSX or CSV)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and not __fish_seen_subcommand_from list show plan report close return refer recheck rechecked carry sheet import help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -l agency -d '只列此执法机关 / only this agency' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -l status -d '只列此状态（open、in_progress、submitted、closed、returned 或中文名）/ only this status' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -l as-of -d '按此日期计算逾期（默认今天）/ compute overdue as of this date (default today)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -l format -d '输出格式 / output format' -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -l overdue -d '只列逾期事项 / only overdue items'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from show" -l as-of -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from show" -l format -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from show" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -l leader -d '责任领导 / the leader responsible' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -l owner -d '责任人 / the person responsible' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -l measure -d '整改措施 / the measures' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -l deadline -d '整改时限（不早于评查意见书日期）/ deadline (not before the feedback letter)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -l by -d '操作人 / who records it' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -l progress -d '整改情况 / what was done' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -l evidence -d '佐证材料（可重复，复制进工作区并记录 SHA-256）/ evidence file, repeatable (copied in, SHA-256 recorded)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -l date -d '完成日期 / date it was completed' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -l by -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -l done -d '已整改完成，申请销号 / done: ask for it to be closed'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from close" -l opinion -d '核实意见 / the checker\'s opinion' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from close" -l by -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from close" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from return" -l reason -d '退回理由 / why it is returned' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from return" -l by -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from return" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from return" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from refer" -l to -d '移送对象 / where it is referred' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from refer" -l reason -d '移送理由 / why' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from refer" -l by -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from refer" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from refer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l share -d '抽查比例，如 20% / share of the closed items to re-check, e.g. 20%' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l seed -d '种子（骰子点数）/ the seed digits' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l seed-part -d '种子分段 姓名=数字（按掷骰顺序，可重复）/ a seed part WHO=DIGITS, in the order rolled' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l witness -d '见证人 姓名/单位（可重复）/ a witness NAME/UNIT, repeatable' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l by -d '组织人 / who runs the draw' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l format -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from recheck" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from rechecked" -l result -d 'confirmed（整改到位）或 rebound（反弹）/ confirmed or rebound' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from rechecked" -l note -d '复查情况 / what the re-check found' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from rechecked" -l by -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from rechecked" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from rechecked" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from carry" -l from -d '上一年的工作区 / last year\'s workspace' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from carry" -l by -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from carry" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from carry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from sheet" -l agency -d '执法机关 / the agency' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from sheet" -l out -d '输出文件（.xlsx）/ the file to write (.xlsx)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from sheet" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from sheet" -l force -d '覆盖已有文件 / overwrite an existing file'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from sheet" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from import" -l by -d '录入人（默认记为该执法机关）/ who records it (default: the sheet\'s agency)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from import" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "list" -d '列出整改事项 / list the rectification items'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "show" -d '一个整改事项的全部情况 / everything about one item'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "plan" -d '定领导、定责任、定方案、定时限 / plan: leader, person responsible, measures, deadline'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "report" -d '报告整改进展或完成 / report progress, or that it is done'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "close" -d '销号（仅对已整改事项，且不能由报告人本人）/ close an item reported done (not by its reporter)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "return" -d '退回整改 / return an item reported done'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "refer" -d '问责线索移送 / refer an item to the supervision and accountability group'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "recheck" -d '回头看：先承诺（--share），宣读摘要后以骰子种子抽取复查的已销号事项 / re-check draw: commit (--share), read out the digest, then draw with the dice seed'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "rechecked" -d '录入回头看复查结果（反弹则重新打开）/ record a re-check result (a rebound reopens the item)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "carry" -d '带入上一年工作区中未完成的整改事项 / bring last year\'s unfinished items in from its workspace'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "sheet" -d '生成某执法机关的整改台账（XLSX），供其离线填写 / write an agency\'s rectification sheet (XLSX) to fill in offline'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "import" -d '导入执法机关填回的整改台账（XLSX 或 CSV）/ import a rectification sheet an agency filled in (XLSX or CSV)'
complete -c anjuan -n "__fish_anjuan_using_subcommand rectify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l out -d '评查意见书写入此文件夹 / folder to write the letters into' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l deadline -d '整改期限（不早于意见书日期）/ the rectification deadline (not before the letter\'s date)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l days -d '整改期限为意见书日期后若干天（默认 30）/ the deadline as days after the letter\'s date (default 30)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l date -d '意见书日期（默认今天）/ the letter\'s date (default today)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l agency -d '只给这些执法机关（可重复）/ only these agencies (repeatable)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l office -d '评查机关名称 / the issuing office, e.g. 攸县司法局' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l number -d '文号，{n} 为序号 / document number; {n} is replaced by the letter\'s number, e.g. 攸司评〔2025〕{n}号' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l by -d '签发人 / who issues the letters' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand feedback" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand publish" -l out -d '写入此文件夹的 index.html / write index.html into this folder' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand publish" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand publish" -l with-results -d '同时公开每件已定稿案卷的得分和等级 / also publish each finalized file\'s score and grade'
complete -c anjuan -n "__fish_anjuan_using_subcommand publish" -l with-titles -d '同时公开抽中案卷的案件名称和当事人（及发现的问题）/ also publish the drawn files\' case names and parties (and findings)'
complete -c anjuan -n "__fish_anjuan_using_subcommand publish" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l benchmarks -d '裁量基准表（CSV 或 XLSX）/ the fine benchmarks table (CSV or XLSX)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l limits -d '办案期限与追责时效表（CSV 或 XLSX）/ the time-limits table (CSV or XLSX)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l high-fine -d '高额罚款线（元，超过即列出）/ a fine above this many yuan is listed as high' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l spread-ratio -d '类案不同罚：最高与最低罚款之比超过此值 / unequal fines: highest ÷ lowest above this ratio' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l inspection-limit -d '涉企检查：同一机关一年内检查同一主体超过此次数 / inspections of one entity by one agency in a year above this count' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l only -d '只查这些指标（可重复；键名或中文名）/ only these indicators (repeatable; key or Chinese name)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l format -d '输出格式 / output format' -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l out -d '将报告（XLSX 和 CSV）写入此文件夹 / write the report (XLSX and CSV) into this folder' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -l no-record -d '不在工作区记录本次筛查 / do not record this scan in the workspace'
complete -c anjuan -n "__fish_anjuan_using_subcommand risk" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand replace" -l reason -d '原因（记入替补记录）/ why (recorded)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand replace" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand replace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand report" -l out -d '通报草稿写入此文件夹 / folder to write the draft into' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand report" -l as-of -d '统计日期（逾期按此日计算，默认今天）/ the day overdue items are counted for (default today)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand report" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "setup" -d '设置民主评议：被评议单位、评价等次、测评票张数（印票之前）/ set up: evaluated agencies, scale, number of ballots (before printing)'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "print" -d '印制带编号和校验码的测评票（XLSX），以及计票表和校验码清单 / print the numbered ballots with check codes (XLSX), the tally sheet and the list of codes'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "count" -d '计票界面：逐张录入测评票 / the counting screen: enter the ballots one by one'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "enter" -d '录入一张测评票 / enter one ballot'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "import" -d '导入填好的计票表（XLSX 或 CSV），全部通过才保存 / import a filled tally sheet (XLSX or CSV), all rows or none'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "withdraw" -d '撤销某一遍中一张票的录入（录错时），以便重新录入 / withdraw a ballot\'s entry in a pass (a typing mistake), to enter it again'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "compare" -d '比对两遍录入，列出每处不一致 / compare the two entry passes and list every difference'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "tally" -d '计票结果：各单位票数、满意率、名次、收回情况 / the tally: votes, rates, ranking, turnout'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "results" -d '测评结果：各单位反馈表和公布表（XLSX 与 CSV），回头看名单 / the results: feedback per agency and the publication sheet (XLSX and CSV), the 回头看 list'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and not __fish_seen_subcommand_from setup print count enter import withdraw compare tally results help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from setup" -l agencies -d '被评议单位名单（CSV 或 XLSX，表头“单位名称”或“被评议单位”）/ the evaluated agencies (CSV or XLSX, a 单位名称 or 被评议单位 column)' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from setup" -l scale -d '评价等次，由好到差，2–5 个 / the levels, best first, 2 to 5' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from setup" -l ballots -d '测评票张数（默认：最近一次抽取的抽中人数）/ number of ballots (default: the sample size of the latest draw)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from setup" -l new -d '已录入测评票后重新设置（已录入的票留在记录中，不再计入）/ start a new setup although ballots were entered (they stay on record, uncounted)' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from setup" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from print" -l out -d '写入此文件夹 / write into this folder' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from print" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from print" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from count" -l pass -d '录入遍次：1，或双人录入的第 2 遍 / entry pass: 1, or 2 for the second of a double entry' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from count" -l clerk -d '录入人 / the clerk entering' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from count" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from count" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from enter" -l choices -d '各单位的评价，按设置顺序，逗号分隔：等次名称或序号，0 或空为未评价 / the choices in the setup\'s order, comma-separated: a level or its number, 0 or empty for none' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from enter" -l pass -d '录入遍次：1，或双人录入的第 2 遍 / entry pass: 1, or 2 for the second of a double entry' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from enter" -l clerk -d '录入人 / the clerk entering' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from enter" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from enter" -l spoiled -d '废票 / the ballot is spoiled'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from enter" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from import" -l pass -d '录入遍次：1，或双人录入的第 2 遍 / entry pass: 1, or 2 for the second of a double entry' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from import" -l clerk -d '录入人 / the clerk entering' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from import" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from withdraw" -l reason -d '理由 / why' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from withdraw" -l pass -d '录入遍次：1，或双人录入的第 2 遍 / entry pass: 1, or 2 for the second of a double entry' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from withdraw" -l clerk -d '录入人 / the clerk entering' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from withdraw" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from withdraw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from compare" -l format -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from compare" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from compare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from tally" -l format -r -f -a "text\t''
json\t''"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from tally" -l pass -d '按第几遍录入计票 / which entry pass to count' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from tally" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from tally" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from results" -l out -d '写入此文件夹 / write into this folder' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from results" -l recheck-below -d '满意及基本满意率低于此百分比的单位列入回头看 / agencies whose satisfied-or-basically-satisfied rate is below this percentage go to 回头看' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from results" -l pass -d '按第几遍录入 / which entry pass' -r
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from results" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "setup" -d '设置民主评议：被评议单位、评价等次、测评票张数（印票之前）/ set up: evaluated agencies, scale, number of ballots (before printing)'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "print" -d '印制带编号和校验码的测评票（XLSX），以及计票表和校验码清单 / print the numbered ballots with check codes (XLSX), the tally sheet and the list of codes'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "count" -d '计票界面：逐张录入测评票 / the counting screen: enter the ballots one by one'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "enter" -d '录入一张测评票 / enter one ballot'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "import" -d '导入填好的计票表（XLSX 或 CSV），全部通过才保存 / import a filled tally sheet (XLSX or CSV), all rows or none'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "withdraw" -d '撤销某一遍中一张票的录入（录错时），以便重新录入 / withdraw a ballot\'s entry in a pass (a typing mistake), to enter it again'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "compare" -d '比对两遍录入，列出每处不一致 / compare the two entry passes and list every difference'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "tally" -d '计票结果：各单位票数、满意率、名次、收回情况 / the tally: votes, rates, ranking, turnout'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "results" -d '测评结果：各单位反馈表和公布表（XLSX 与 CSV），回头看名单 / the results: feedback per agency and the publication sheet (XLSX and CSV), the 回头看 list'
complete -c anjuan -n "__fish_anjuan_using_subcommand ballot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand manual" -l out -d '写入此文件夹（anjuan.1、anjuan-draw.1 …）/ folder to write anjuan.1, anjuan-draw.1, … into' -r -F
complete -c anjuan -n "__fish_anjuan_using_subcommand manual" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand manual" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand completions" -l lang -d '界面语言 / language of messages' -r -f -a "zh\t'中文（默认）'
en\t'English'"
complete -c anjuan -n "__fish_anjuan_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "init" -d '导入、校验并冻结案卷目录 / import, validate and freeze registers into a new workspace'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "commit" -d '抽样前承诺：分配表与摘要 / the pre-seed commitment: allocation and its digest'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "draw" -d '见证抽取 / the witnessed draw'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "verify" -d '复核工作区的全部记录 / re-derive and check everything in a workspace'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "sample" -d '无状态抽样，输出到标准输出 / stateless draw for scripts and third parties'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "review" -d '评查：打分、定稿、退回、导入、查看 / review: score, finalize, reopen, import, show'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "checklist" -d '评查标准文件：校验、列出 / checklist files: check, list'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "tui" -d '终端界面：抽样仪式与评查台 / the terminal UI: draw ceremony and review desk'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "export" -d '导出可打印的表格（XLSX 与 CSV）/ export printable sheets (XLSX and CSV)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "team" -d '评查组：名单、密钥、随机分配、离线评查包与合并 / the review team: roster, keys, random assignment, offline packages and merging'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "demo" -d '用 samples/ 中的虚构数据演示整个流程 / rehearse the whole flow on the fictional samples'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "template" -d '空白模板：发给各执法机关的案卷目录、评查人员名单 / blank templates: the register agencies fill in, the reviewer roster'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "rectify" -d '整改：事项清单、定方案、报告、销号、退回、移送 / rectification: items, plan, report, close, return, refer'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "feedback" -d '评查意见书：向案卷已全部定稿的执法机关下发（DOCX 与 XLSX）/ feedback letters to agencies whose files are all finalized (DOCX and XLSX)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "publish" -d '公开页面：在任何浏览器中自行复核抽取的单个 HTML 文件 / the public page: one HTML file that re-checks the draw in any browser'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "risk" -d '风险筛查：对全部冻结案卷检查罚款、期限和涉企检查频次 / risk scan: fines, time limits and inspection frequency over every frozen case'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "replace" -d '替补：受邀代表不能到场时，由同层下一名备选按序替补（记录原因）/ replace a representative who cannot come by the next alternate of the stratum, recording why'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "report" -d '评查情况通报（草稿，DOCX）/ the review bulletin draft (DOCX)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "ballot" -d '民主评议：测评票设置、印制、计票、结果 / democratic appraisal: ballot setup, printing, counting, results'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "manual" -d '写出每个命令的手册页（man）/ write a manual page per command (man)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "completions" -d '打印 shell 补全脚本 / print shell completions'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and not __fish_seen_subcommand_from init commit draw verify sample review checklist tui export team demo template rectify feedback publish risk replace report ballot manual completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "setup" -d '评查方案：评查标准、案件类型对应、问题类别体系 / the review plan: checklists, case type mapping, category set'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "status" -d '全部抽中案卷的评查进度 / progress of every drawn file'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "show" -d '一份案卷的评查表 / one file\'s checklist and decisions'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "set" -d '对一个条目作出结论 / decide one item'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "finalize" -d '定稿（全部条目已评）/ finalize a file (every item decided)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "reopen" -d '退回已定稿的案卷 / reopen a finalized file'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "import" -d '从 CSV/XLSX 导入评查结论 / import decisions from CSV/XLSX'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "resolve" -d '复核人裁定双人评查的分歧条目 / the checker resolves an item two reviewers decided differently'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from checklist" -f -a "check" -d '校验评查标准文件 / validate checklist files'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from checklist" -f -a "list" -d '列出内置评查标准 / list the built-in checklists'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "keygen" -d '在本人电脑上生成签名密钥（私钥留在本机）/ make your signing key on your own machine (the secret stays there)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "roster" -d '导入评查人员名单（CSV/XLSX）/ import the reviewer roster (CSV/XLSX)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "key" -d '登记评查人的公钥（.pub 文件或 64 位十六进制）/ register a reviewer\'s public key (.pub file or 64 hex digits)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "assign" -d '抽取后随机分配评查人（可复算）/ assign reviewers at random after the draw (recomputable)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "reassign" -d '调整个别案卷的评查人并记录理由 / move a file to another reviewer, with the reason'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "status" -d '名单、分配与进度 / roster, assignment and progress'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "package" -d '为评查人导出离线评查包 / export a reviewer\'s offline package'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "merge" -d '合并评查包（核验签名与日志链）/ merge reviewer packages back (signatures and chains checked)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "register" -d '案卷目录模板（发给各执法机关填写）/ the case register template the agencies fill in'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "roster" -d '评查人员名单模板（供 team roster 导入）/ the reviewer roster template (for team roster)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "list" -d '列出整改事项 / list the rectification items'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "show" -d '一个整改事项的全部情况 / everything about one item'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "plan" -d '定领导、定责任、定方案、定时限 / plan: leader, person responsible, measures, deadline'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "report" -d '报告整改进展或完成 / report progress, or that it is done'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "close" -d '销号（仅对已整改事项，且不能由报告人本人）/ close an item reported done (not by its reporter)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "return" -d '退回整改 / return an item reported done'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "refer" -d '问责线索移送 / refer an item to the supervision and accountability group'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "recheck" -d '回头看：先承诺（--share），宣读摘要后以骰子种子抽取复查的已销号事项 / re-check draw: commit (--share), read out the digest, then draw with the dice seed'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "rechecked" -d '录入回头看复查结果（反弹则重新打开）/ record a re-check result (a rebound reopens the item)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "carry" -d '带入上一年工作区中未完成的整改事项 / bring last year\'s unfinished items in from its workspace'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "sheet" -d '生成某执法机关的整改台账（XLSX），供其离线填写 / write an agency\'s rectification sheet (XLSX) to fill in offline'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from rectify" -f -a "import" -d '导入执法机关填回的整改台账（XLSX 或 CSV）/ import a rectification sheet an agency filled in (XLSX or CSV)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "setup" -d '设置民主评议：被评议单位、评价等次、测评票张数（印票之前）/ set up: evaluated agencies, scale, number of ballots (before printing)'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "print" -d '印制带编号和校验码的测评票（XLSX），以及计票表和校验码清单 / print the numbered ballots with check codes (XLSX), the tally sheet and the list of codes'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "count" -d '计票界面：逐张录入测评票 / the counting screen: enter the ballots one by one'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "enter" -d '录入一张测评票 / enter one ballot'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "import" -d '导入填好的计票表（XLSX 或 CSV），全部通过才保存 / import a filled tally sheet (XLSX or CSV), all rows or none'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "withdraw" -d '撤销某一遍中一张票的录入（录错时），以便重新录入 / withdraw a ballot\'s entry in a pass (a typing mistake), to enter it again'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "compare" -d '比对两遍录入，列出每处不一致 / compare the two entry passes and list every difference'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "tally" -d '计票结果：各单位票数、满意率、名次、收回情况 / the tally: votes, rates, ranking, turnout'
complete -c anjuan -n "__fish_anjuan_using_subcommand help; and __fish_seen_subcommand_from ballot" -f -a "results" -d '测评结果：各单位反馈表和公布表（XLSX 与 CSV），回头看名单 / the results: feedback per agency and the publication sheet (XLSX and CSV), the 回头看 list'

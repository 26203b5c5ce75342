<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckList</name>
    <message>
        <source>the check could not run</source>
        <translation>该检查无法运行</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>实际</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>{lesson}, running for {duration}</source>
        <translation>{lesson}，已运行 {duration}</translation>
    </message>
    <message>
        <source>Stop the running lesson?</source>
        <translation>停止正在运行的课程？</translation>
    </message>
    <message>
        <source>A lesson is still running:
{runs}

Quit and stop it? What it has computed so far stays in the run history.</source>
        <translation>还有课程正在运行：
{runs}

退出并停止它吗？它到目前为止的结果会保留在运行历史中。</translation>
    </message>
</context>
<context>
    <name>CoreBars</name>
    <message>
        <source>core %1: %2%</source>
        <translation>核心 %1：%2%</translation>
    </message>
</context>
<context>
    <name>CurveChart</name>
    <message>
        <source>Exponential moving average, debiased as in TensorBoard</source>
        <translation>指数移动平均（与 TensorBoard 相同的去偏方法）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep the newest points in view</source>
        <translation>始终显示最新的数据点</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the curves as CSV</source>
        <translation>将曲线导出为 CSV</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Export the chart as a PNG image</source>
        <translation>将图表导出为 PNG 图片</translation>
    </message>
    <message>
        <source>Curves appear here while a lesson trains.</source>
        <translation>课程训练时，曲线会显示在这里。</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>EditorPane</name>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>text in the code</source>
        <translation>代码中的文字</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>ExportNotebookButton</name>
    <message>
        <source>Export notebook…</source>
        <translation>导出笔记本…</translation>
    </message>
    <message>
        <source>Save this lesson as a Jupyter notebook that runs in Colab or Kaggle (free GPUs) without this app</source>
        <translation>把本课保存为 Jupyter 笔记本，无需本应用即可在 Colab 或 Kaggle（免费 GPU）上运行</translation>
    </message>
    <message>
        <source>Export notebook</source>
        <translation>导出笔记本</translation>
    </message>
    <message>
        <source>Jupyter notebooks (*.ipynb)</source>
        <translation>Jupyter 笔记本 (*.ipynb)</translation>
    </message>
    <message>
        <source>Could not export the notebook: {error}</source>
        <translation>无法导出笔记本：{error}</translation>
    </message>
</context>
<context>
    <name>GpuBox</name>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>%1 n/a</source>
        <translation>%1 不可用</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>本应用</translation>
    </message>
    <message>
        <source>this app %1</source>
        <translation>本应用 %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>来自 %1</translation>
    </message>
</context>
<context>
    <name>HardwarePanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>交换区</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>本应用</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Container limits</source>
        <translation>容器限制</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Last 10 minutes</source>
        <translation>最近 10 分钟</translation>
    </message>
    <message>
        <source>1 core</source>
        <translation>1 个核心</translation>
    </message>
    <message>
        <source>%1 cores</source>
        <translation>%1 个核心</translation>
    </message>
    <message>
        <source>%1 GHz</source>
        <translation>%1 GHz</translation>
    </message>
    <message>
        <source>frequency: %1</source>
        <translation>频率：%1</translation>
    </message>
    <message>
        <source>load %1</source>
        <translation>负载 %1</translation>
    </message>
    <message>
        <source>load average: %1</source>
        <translation>平均负载：%1</translation>
    </message>
    <message>
        <source>Used = total - available (memory new programs can get without swapping)</source>
        <translation>已用 = 总量 - 可用（新程序无需交换即可获得的内存）</translation>
    </message>
    <message>
        <source>%1 available</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <source>Swap in use means RAM ran short: training slows down a lot</source>
        <translation>正在使用交换区说明内存不够：训练会慢很多</translation>
    </message>
    <message>
        <source>no swap</source>
        <translation>无交换区</translation>
    </message>
    <message>
        <source>The window's own process (RSS)</source>
        <translation>窗口自身的进程（RSS）</translation>
    </message>
    <message>
        <source>The running lesson's kernel process (RSS)</source>
        <translation>正在运行的课程的内核进程（RSS）</translation>
    </message>
    <message>
        <source>no lesson running</source>
        <translation>没有课程在运行</translation>
    </message>
    <message>
        <source>peak %1</source>
        <translation>峰值 %1</translation>
    </message>
    <message>
        <source>CPU %1% of a core</source>
        <translation>CPU 占一个核心的 %1%</translation>
    </message>
    <message>
        <source>The container's memory limit: the app is stopped if it goes over</source>
        <translation>容器的内存上限：超过后应用会被终止</translation>
    </message>
    <message>
        <source>cgroup %1</source>
        <translation>cgroup %1</translation>
    </message>
    <message>
        <source>CPU quota %1 cores</source>
        <translation>CPU 配额 %1 个核心</translation>
    </message>
    <message>
        <source>CPUs allowed: %1</source>
        <translation>可用 CPU：%1</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>not available (%1)</source>
        <translation>不可用（%1）</translation>
    </message>
    <message>
        <source>mean CPU %1%</source>
        <translation>平均 CPU %1%</translation>
    </message>
    <message>
        <source>peak RAM %1%</source>
        <translation>内存峰值 %1%</translation>
    </message>
    <message>
        <source>this app peak %1</source>
        <translation>本应用峰值 %1</translation>
    </message>
    <message>
        <source>lesson peak %1</source>
        <translation>课程峰值 %1</translation>
    </message>
    <message>
        <source>peak GPU memory %1</source>
        <translation>显存峰值 %1</translation>
    </message>
    <message>
        <source>Last run: %1</source>
        <translation>上次运行：%1</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>Continue: {what}</source>
        <translation>继续：{what}</translation>
    </message>
    <message>
        <source>Start with the first item</source>
        <translation>从第一个条目开始</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>{done:g} of {hours:g} h</source>
        <translation>{done:g} / {hours:g} 小时</translation>
    </message>
    <message>
        <source>done {done} · learning {learning} · skipped {skipped} of {items}</source>
        <translation>共 {items} 项：完成 {done} · 学习中 {learning} · 跳过 {skipped}</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>{h:.1f} h of {goal:g} h</source>
        <translation>{h:.1f} / {goal:g} 小时</translation>
    </message>
    <message>
        <source>Weekly goal (h):</source>
        <translation>每周目标（小时）：</translation>
    </message>
    <message>
        <source>Time studied</source>
        <translation>学习时间</translation>
    </message>
    <message>
        <source>Phase and topic</source>
        <translation>阶段与主题</translation>
    </message>
    <message>
        <source>Studied</source>
        <translation>已学习</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>At your pace</source>
        <translation>按你的节奏</translation>
    </message>
    <message>
        <source>{h:.1f} h a week over the last 4 weeks: the plan is done on {date}.</source>
        <translation>最近 4 周每周 {h:.1f} 小时：计划将在 {date} 完成。</translation>
    </message>
    <message>
        <source>Nothing logged in the last 4 weeks; at your goal of {h:g} h a week the plan is done on {date}.</source>
        <translation>最近 4 周没有记录学习时间；按每周 {h:g} 小时的目标，计划将在 {date} 完成。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Hours left</source>
        <translation>剩余小时</translation>
    </message>
    <message>
        <source>At your goal</source>
        <translation>按目标</translation>
    </message>
    <message>
        <source>The article</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>{lo}-{hi} months</source>
        <translation>{lo}-{hi} 个月</translation>
    </message>
    <message>
        <source>What next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Every item is done or skipped.</source>
        <translation>所有条目都已完成或跳过。</translation>
    </message>
    <message>
        <source>Reviews due</source>
        <translation>待复习</translation>
    </message>
    <message>
        <source>None today.</source>
        <translation>今天没有。</translation>
    </message>
    <message>
        <source>{exercise} (review {n} of 4)</source>
        <translation>{exercise}（第 {n}/4 次复习）</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>This PC runs {n} of the plan's {m} items it can judge; {k} need a GPU: use Colab or Kaggle for those.</source>
        <translation>在可判断的 {m} 个条目中，这台电脑能运行 {n} 个；{k} 个需要 GPU：这些请用 Colab 或 Kaggle。</translation>
    </message>
    <message>
        <source>Last runs</source>
        <translation>最近的运行</translation>
    </message>
    <message>
        <source>No runs yet.</source>
        <translation>还没有运行。</translation>
    </message>
    <message>
        <source>{lesson}: {status}, {duration}</source>
        <translation>{lesson}：{status}，{duration}</translation>
    </message>
</context>
<context>
    <name>ItemView</name>
    <message>
        <source>Choose an item on the roadmap.</source>
        <translation>请在学习路线中选择一项。</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n} 个月</translation>
    </message>
    <message>
        <source>{low}-{high} months</source>
        <translation>{low}-{high} 个月</translation>
    </message>
    <message>
        <source>about {hours} h</source>
        <translation>约 {hours} 小时</translation>
    </message>
    <message>
        <source>Start with the lesson {id}</source>
        <translation>先做课程 {id}</translation>
    </message>
    <message>
        <source>The lesson {id} is not written yet.</source>
        <translation>课程 {id} 尚未编写。</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>学习资源</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>书籍</translation>
    </message>
    <message>
        <source>Docs</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Started {when}</source>
        <translation>开始于 {when}</translation>
    </message>
    <message>
        <source>Finished {when}</source>
        <translation>完成于 {when}</translation>
    </message>
    <message>
        <source>studied {h:.1f} h of {planned:g} h</source>
        <translation>已学习 {h:.1f} 小时，计划 {planned:g} 小时</translation>
    </message>
    <message>
        <source>Mark this item: {status} (key {key} on the roadmap)</source>
        <translation>将此项标记为:{status}(在学习路线中按 {key} 键)</translation>
    </message>
    <message>
        <source>Open the lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Your notes</source>
        <translation>我的笔记</translation>
    </message>
    <message>
        <source>Write what you learned, questions, settings that worked…</source>
        <translation>记下学到的内容、疑问和有效的参数设置……</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>编辑中…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>KernelStatus</name>
    <message>
        <source>Lesson memory cap</source>
        <translation>课程内存上限</translation>
    </message>
    <message>
        <source>A run that needs more than this share of the RAM available when it starts ends as out of memory, and the app stays up (percent):</source>
        <translation>一次运行若需要的内存超过开始时可用内存的这个比例，就会以“内存不足”结束，应用保持运行（百分比）：</translation>
    </message>
    <message>
        <source>memory cap {p}% of free RAM</source>
        <translation>内存上限为可用内存的 {p}%</translation>
    </message>
    <message>
        <source>lesson threads: {n} · lower priority · {cap}</source>
        <translation>课程线程：{n} · 较低优先级 · {cap}</translation>
    </message>
    <message>
        <source>Starting the lesson kernel…</source>
        <translation>正在启动课程内核…</translation>
    </message>
    <message>
        <source>PyTorch is not installed</source>
        <translation>未安装 PyTorch</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>Device: {device} · torch {version}</source>
        <translation>设备：{device} · torch {version}</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>The language changes when the current run ends.</source>
        <translation>当前运行结束后将切换语言。</translation>
    </message>
</context>
<context>
    <name>LessonPages</name>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Choose a lesson on the left.</source>
        <translation>请在左侧选择一节课。</translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message>
        <source>Side by side: {links}</source>
        <translation>对照：{links}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Article code</source>
        <translation>原文代码</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>改动说明</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Restore the article's settings</source>
        <translation>恢复原文的设置</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步骤结束后停止…</translation>
    </message>
    <message>
        <source>Running… {eta} left</source>
        <translation>运行中… 还剩 {eta}</translation>
    </message>
    <message>
        <source>Some steps are single long calls: Stop ends them within 3 s by ending the lesson's process.</source>
        <translation>有些步骤是单个长调用：停止会在 3 秒内结束课程的进程来终止它们。</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stopping: interrupting the current step… (the lesson's process ends in 2 s if it does not stop)</source>
        <translation>正在停止：中断当前步骤…（若仍不停止，课程进程将在 2 秒后结束）</translation>
    </message>
    <message>
        <source>Done in {s:.2f} s on {device}.</source>
        <translation>完成，用时 {s:.2f} 秒，设备 {device}。</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stopped after {s:.2f} s.</source>
        <translation>已在 {s:.2f} 秒后停止。</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>崩溃</translation>
    </message>
    <message>
        <source>The lesson's process crashed ({exit}); the app is fine. Its last output is in the console.</source>
        <translation>课程的进程崩溃了（{exit}），应用本身没有受影响。它最后的输出在控制台中。</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>Out of memory: the run reached {peak}, over its limit of {limit} ({available} were available when it started). The app is fine.</source>
        <translation>内存不足：这次运行用到了 {peak}，超过了 {limit} 的上限（开始时可用 {available}）。应用本身没有受影响。</translation>
    </message>
    <message>
        <source>Cheaper settings: {options}.</source>
        <translation>更省资源的设置：{options}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Zero-Compute ML Studio</source>
        <translation>零算力机器学习工作室</translation>
    </message>
    <message>
        <source>Roadmap</source>
        <translation>学习路线</translation>
    </message>
    <message>
        <source>Not opened (only http and https links): {url}</source>
        <translation>未打开(只打开 http 和 https 链接):{url}</translation>
    </message>
    <message>
        <source>{n} run(s) were interrupted when the app last closed; they are in the run history.</source>
        <translation>上次关闭应用时有 {n} 次运行被中断；它们保存在运行历史中。</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <source>Exported records: {n}</source>
        <translation>已导出记录:{n} 条</translation>
    </message>
    <message>
        <source>Time studied</source>
        <translation>学习时间</translation>
    </message>
    <message>
        <source>Hours studied on “{item}”:</source>
        <translation>在“{item}”上学习的小时数：</translation>
    </message>
    <message>
        <source>The database was damaged; it was moved to {path}. Recovered {recovered} record(s) into the new one; {lost} could not be read.</source>
        <translation>数据库已损坏，已移至 {path}。已将 {recovered} 条记录恢复到新数据库；{lost} 条无法读取。</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <source>Measure this PC</source>
        <translation>测量本机</translation>
    </message>
    <message>
        <source>Times matrix multiplications in float32 and float64 with NumPy and torch (and CUDA when there is a GPU), and reads the cores, memory and GPU. It takes about 10 seconds; the figures feed the advisor's estimates.</source>
        <translation>测量 NumPy 和 torch 在 float32 与 float64 下的矩阵乘法速度（有 GPU 时也测 CUDA），并读取核心数、内存和 GPU。大约需要 10 秒；这些数据用于资源估计。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Not measured yet.</source>
        <translation>尚未测量。</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source>Measuring: {what}</source>
        <translation>正在测量：{what}</translation>
    </message>
    <message>
        <source>Measured in {seconds:.1f} s.</source>
        <translation>测量用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>Measuring failed: {error}</source>
        <translation>测量失败：{error}</translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation>重新测量</translation>
    </message>
</context>
<context>
    <name>MemoryRefusalDialog</name>
    <message>
        <source>Not enough memory for this run</source>
        <translation>内存不足，无法运行</translation>
    </message>
    <message>
        <source>Cheaper settings that use at most half of the {available} available ({limit}), so the rest of the computer keeps room:</source>
        <translation>更省的设置（最多占用可用内存 {available} 的一半，即 {limit}，其余留给电脑的其他部分）：</translation>
    </message>
    <message>
        <source>No cheaper settings of this lesson fit. A free GPU notebook has more memory: export the lesson as a notebook for Colab or Kaggle.</source>
        <translation>本课没有内存够用的更省设置。免费的 GPU 笔记本内存更大：可把本课导出为笔记本，在 Colab 或 Kaggle 上运行。</translation>
    </message>
    <message>
        <source>Running anyway runs it with a memory cap of {cap}: past it, the run ends as out of memory and the app stays up.</source>
        <translation>仍然运行时会设内存上限 {cap}：超过它，这次运行会以“内存不足”结束，应用保持运行。</translation>
    </message>
    <message>
        <source>Running anyway may make the computer swap to disk and freeze for a while.</source>
        <translation>仍然运行可能导致电脑使用磁盘交换并卡顿一段时间。</translation>
    </message>
    <message>
        <source>Use these settings</source>
        <translation>使用这些设置</translation>
    </message>
    <message>
        <source>Run anyway</source>
        <translation>仍然运行</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (GPU)</source>
        <translation>CUDA（GPU）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>This lesson runs on the CPU only</source>
        <translation>本课只在 CPU 上运行</translation>
    </message>
    <message>
        <source>No CUDA GPU found (no NVIDIA GPU, no driver, or a CPU-only torch)</source>
        <translation>未找到 CUDA GPU（没有 NVIDIA 显卡、没有驱动，或 torch 为仅 CPU 版本）</translation>
    </message>
</context>
<context>
    <name>PathEdit</name>
    <message>
        <source>(built-in file)</source>
        <translation>（内置文件）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>PlanDialogs</name>
    <message>
        <source>Open plan</source>
        <translation>打开学习计划</translation>
    </message>
    <message>
        <source>Learning plans (*.toml);;All files (*)</source>
        <translation>学习计划 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PlanErrorDialog</name>
    <message>
        <source>This plan cannot be opened</source>
        <translation>无法打开此学习计划</translation>
    </message>
    <message>
        <source>{path} has errors. The current plan stays open.</source>
        <translation>{path} 有错误,当前的学习计划保持打开。</translation>
    </message>
</context>
<context>
    <name>PlanStart</name>
    <message>
        <source>The plan {path} was not opened again: the last start with it did not finish. File &gt; Open plan… opens it.</source>
        <translation>没有再次打开计划 {path}：上次用它启动时没有完成。可通过“文件 &gt; 打开计划…”打开它。</translation>
    </message>
    <message>
        <source>The plan {path} was not opened again: it has {n} error(s) now (`studio plan check` lists them).</source>
        <translation>没有再次打开计划 {path}：它现在有 {n} 个错误（`studio plan check` 会列出）。</translation>
    </message>
</context>
<context>
    <name>Practice</name>
    <message>
        <source>passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>not attempted</source>
        <translation>未尝试</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>check broken</source>
        <translation>检查本身有误</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Passed: all {n} checks pass.</source>
        <translation>通过：全部 {n} 项检查都通过了。</translation>
    </message>
    <message>
        <source>(after seeing the solution)</source>
        <translation>（看过答案之后）</translation>
    </message>
    <message>
        <source>Not yet: {failed} of {n} checks fail. Each says what it expected and what it found.</source>
        <translation>还没完成：{n} 项检查中有 {failed} 项未通过。每项都写明了期望什么、实际得到什么。</translation>
    </message>
    <message>
        <source>Out of memory: your code reached {peak}, over the limit of {limit}. The app is fine.</source>
        <translation>内存不足：你的代码用到了 {peak}，超过了 {limit} 的上限。应用本身没有受影响。</translation>
    </message>
    <message>
        <source>Your code's process crashed ({exit}); the app is fine. Its last output is in the console.</source>
        <translation>运行你代码的进程崩溃了（{exit}）；应用本身没有受影响。最后的输出在控制台中。</translation>
    </message>
    <message>
        <source>Error on line {line} (marked in the editor): {error}</source>
        <translation>第 {line} 行出错（已在编辑器中标出）：{error}</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>出错：{error}</translation>
    </message>
    <message>
        <source>Timeout: your code ran longer than {s} s and was stopped. An endless loop?</source>
        <translation>超时：你的代码运行超过了 {s} 秒，已被停止。是不是死循环？</translation>
    </message>
    <message>
        <source>This is still the starter code: change it, then run it again.</source>
        <translation>这仍是起始代码：先修改它，再运行。</translation>
    </message>
    <message>
        <source>The check itself could not run: a bug of this exercise, not yours. Details in the console.</source>
        <translation>检查本身无法运行：这是练习的缺陷，不是你的错。详情见控制台。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>PracticeProgress</name>
    <message>
        <source>Exercises passed</source>
        <translation>已通过的练习</translation>
    </message>
    <message>
        <source>Marked done on the roadmap.</source>
        <translation>已在路线图上标记为完成。</translation>
    </message>
</context>
<context>
    <name>PracticeView</name>
    <message>
        <source>No exercises for this lesson yet.</source>
        <translation>本课暂时还没有练习。</translation>
    </message>
    <message>
        <source>Mark it done</source>
        <translation>标记为完成</translation>
    </message>
    <message>
        <source>Your code</source>
        <translation>你的代码</translation>
    </message>
    <message>
        <source>Run and check</source>
        <translation>运行并检查</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Starter code</source>
        <translation>起始代码</translation>
    </message>
    <message>
        <source>Put the starter code back (Ctrl+Z brings yours back)</source>
        <translation>恢复起始代码（Ctrl+Z 可找回你的代码）</translation>
    </message>
    <message>
        <source>Earlier attempts</source>
        <translation>以前的尝试</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Live chart</source>
        <translation>实时曲线</translation>
    </message>
    <message>
        <source>**Hint {n}.** {text}</source>
        <translation>**提示 {n}.** {text}</translation>
    </message>
    <message>
        <source>Hint ({n}/{total})</source>
        <translation>提示（{n}/{total}）</translation>
    </message>
    <message>
        <source>No more hints</source>
        <translation>没有更多提示了</translation>
    </message>
    <message>
        <source>Solution shown</source>
        <translation>已显示答案</translation>
    </message>
    <message>
        <source>Show the solution…</source>
        <translation>显示答案…</translation>
    </message>
    <message>
        <source>(solution seen)</source>
        <translation>（看过答案）</translation>
    </message>
    <message>
        <source>Show the solution?</source>
        <translation>显示答案？</translation>
    </message>
    <message>
        <source>Try the hints first? A pass after you have seen the solution is shown as such.</source>
        <translation>先试试提示？看过答案之后的通过会被如实标明。</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Back to the starter code (Ctrl+Z brings yours back).</source>
        <translation>已恢复起始代码（Ctrl+Z 可找回你的代码）。</translation>
    </message>
    <message>
        <source>No attempts yet</source>
        <translation>还没有尝试</translation>
    </message>
    <message>
        <source>The lesson is running: wait for it, or stop it, first.</source>
        <translation>课程正在运行：请等它结束，或先停止它。</translation>
    </message>
    <message>
        <source>Running your code…</source>
        <translation>正在运行你的代码…</translation>
    </message>
    <message>
        <source>Running a practice exercise…</source>
        <translation>正在运行练习…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Write your code, then Run and check (Ctrl+Enter).</source>
        <translation>写好代码后，点击“运行并检查”（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Every exercise of this lesson passes. Mark “{item}” done on the roadmap?</source>
        <translation>本课的所有练习都已通过。要在路线图上把“{item}”标记为完成吗？</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>Roadmap</name>
    <message>
        <source>To do</source>
        <translation>待学</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>实践</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>a GPU with {gb} GB of memory</source>
        <translation>显存 {gb} GB 的 GPU</translation>
    </message>
    <message>
        <source>a GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>{gb} GB of RAM</source>
        <translation>{gb} GB 内存</translation>
    </message>
    <message>
        <source>Needs: {what}</source>
        <translation>需要:{what}</translation>
    </message>
</context>
<context>
    <name>RoadmapView</name>
    <message>
        <source>Search the roadmap…</source>
        <translation>搜索学习路线…</translation>
    </message>
    <message>
        <source>What next?</source>
        <translation>下一步?</translation>
    </message>
    <message>
        <source>Space: done on/off · L: learning · S: skipped · T: todo · Enter: open the lesson</source>
        <translation>空格:完成/取消 · L:学习中 · S:跳过 · T:待学 · 回车:打开课程</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>Exercise reviews due: {n}</source>
        <translation>待复习的练习：{n}</translation>
    </message>
    <message>
        <source>Lesson: {id} (Enter or double-click opens it)</source>
        <translation>课程:{id}(按回车键或双击打开)</translation>
    </message>
    <message>
        <source>Lesson {id} is not written yet</source>
        <translation>课程 {id} 尚未编写</translation>
    </message>
    <message>
        <source>&lt;b&gt;Plan&lt;/b&gt;: {detail}</source>
        <translation>&lt;b&gt;全部计划&lt;/b&gt;:{detail}</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>下一步:{title}</translation>
    </message>
    <message>
        <source>Every item is done or skipped.</source>
        <translation>所有项目都已完成或跳过。</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n} 个月</translation>
    </message>
    <message>
        <source>{low}-{high} months</source>
        <translation>{low}-{high} 个月</translation>
    </message>
    <message>
        <source>done {done}/{items} ({done_h} of {hours} h) · skipped {skipped} ({skipped_h} h)</source>
        <translation>已完成 {done}/{items}({done_h}/{hours} 小时)· 已跳过 {skipped}({skipped_h} 小时)</translation>
    </message>
    <message>
        <source>The progress database was damaged. It was moved to {path} and a new one was started.</source>
        <translation>进度数据库已损坏。它已移至 {path},并新建了一个数据库。</translation>
    </message>
    <message>
        <source>Recovered {recovered} record(s) from it; {lost} could not be read.</source>
        <translation>已从中恢复 {recovered} 条记录；{lost} 条无法读取。</translation>
    </message>
    <message>
        <source>Kept: the progress of items no longer in this plan ({n}).</source>
        <translation>已保留不在此计划中的项目的进度({n} 项)。</translation>
    </message>
    <message>
        <source>Open the lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>The lesson is not written yet</source>
        <translation>课程尚未编写</translation>
    </message>
    <message>
        <source>Matches: {n}</source>
        <translation>匹配:{n} 项</translation>
    </message>
    <message>
        <source>No item matches.</source>
        <translation>没有匹配的项目。</translation>
    </message>
</context>
<context>
    <name>RunTracking</name>
    <message>
        <source>{lesson}: {status} on {device}</source>
        <translation>{lesson}：{status}，设备 {device}</translation>
    </message>
    <message>
        <source>Done, completed by run {id}.</source>
        <translation>已完成，由第 {id} 次运行完成。</translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>崩溃</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>Filter runs: lesson, status, lr=0.1…</source>
        <translation>筛选运行：课程、状态、lr=0.1…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show the run's output again (or double-click a row)</source>
        <translation>再次查看这次运行的输出（或双击该行）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>The curves of the selected runs (all shown runs if none)</source>
        <translation>所选运行的曲线（未选择时为全部显示的运行）</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Everything about the selected runs (all shown runs if none)</source>
        <translation>所选运行的全部信息（未选择时为全部显示的运行）</translation>
    </message>
    <message>
        <source>Which recorded curve to compare</source>
        <translation>要比较哪条记录的曲线</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation>相对时间（秒）</translation>
    </message>
    <message>
        <source>Relative time: seconds since each run's first point, so runs that waited for imports still line up</source>
        <translation>相对时间：从每次运行的第一个点开始计秒，这样等待导入库的运行也能对齐</translation>
    </message>
    <message>
        <source>Curve</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Select runs to compare their curves.</source>
        <translation>选择几次运行来比较它们的曲线。</translation>
    </message>
    <message>
        <source>Open a run to see its output again.</source>
        <translation>打开一次运行，再次查看它的输出。</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n selected runs.</source>
        <translation>
            <numerusform>显示所选的前 %n 次运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>The selected runs recorded no curves.</source>
        <translation>所选运行没有记录曲线。</translation>
    </message>
    <message>
        <source>Run {id}: {lesson}, {status} on {device}, started {started}, {duration}</source>
        <translation>第 {id} 次运行：{lesson}，{status}，设备 {device}，开始于 {started}，{duration}</translation>
    </message>
    <message>
        <source>duration unknown</source>
        <translation>时长未知</translation>
    </message>
    <message>
        <source>Parameters: {params}</source>
        <translation>参数：{params}</translation>
    </message>
    <message>
        <source>Results: {results}</source>
        <translation>结果：{results}</translation>
    </message>
    <message>
        <source>Hardware: {hardware}</source>
        <translation>硬件：{hardware}</translation>
    </message>
    <message>
        <source>Ended: {error}</source>
        <translation>结束原因：{error}</translation>
    </message>
    <message>
        <source>(this run printed nothing)</source>
        <translation>（这次运行没有输出）</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Delete this run with its curves and output? This cannot be undone.</source>
        <translation>删除这次运行及其曲线和输出？此操作无法撤销。</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n runs with their curves and output? This cannot be undone.</source>
        <translation>
            <numerusform>删除这 %n 次运行及其曲线和输出？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export runs as CSV</source>
        <translation>将运行导出为 CSV</translation>
    </message>
    <message>
        <source>Export runs as JSON</source>
        <translation>将运行导出为 JSON</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>Wrote 1 run to {path}</source>
        <translation>已将 1 次运行写入 {path}</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n runs to {path}</source>
        <translation>
            <numerusform>已将 %n 次运行写入 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>No runs yet: run a lesson and it appears here.</source>
        <translation>还没有运行记录：运行一节课后会显示在这里。</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 次运行</translation>
    </message>
    <message numerus="yes">
        <source>%n runs</source>
        <translation>
            <numerusform>%n 次运行</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} of {total} runs</source>
        <translation>{shown} / {total} 次运行</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>RAM %</source>
        <translation>内存 %</translation>
    </message>
    <message>
        <source>this app (below)</source>
        <translation>本应用（下图）</translation>
    </message>
    <message>
        <source>lesson (below)</source>
        <translation>课程（下图）</translation>
    </message>
    <message>
        <source>GPU load %</source>
        <translation>GPU 负载 %</translation>
    </message>
    <message>
        <source>GPU memory %</source>
        <translation>显存 %</translation>
    </message>
    <message>
        <source>lesson run</source>
        <translation>课程运行</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>-%1 s</source>
        <translation>-%1 秒</translation>
    </message>
    <message>
        <source>-%1 min</source>
        <translation>-%1 分钟</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>About Zero-Compute ML Studio</source>
        <translation>关于 零算力机器学习工作室</translation>
    </message>
    <message>
        <source>Zero-Compute ML Studio {version}

Learn machine learning on an ordinary PC: the roadmap, runnable lessons and measured advice of the article “机器学习快速入门--0算力起步实践篇”.</source>
        <translation>零算力机器学习工作室 {version}

在普通电脑上学习机器学习：文章《机器学习快速入门--0算力起步实践篇》的学习路线、可运行的课程，以及在你的电脑上实测得出的建议。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open plan…</source>
        <translation>打开学习计划(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export progress…</source>
        <translation>导出进度(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import progress…</source>
        <translation>导入进度(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>主页(&amp;H)</translation>
    </message>
    <message>
        <source>What &amp;next?</source>
        <translation>下一步学什么(&amp;N)?</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Hardware</source>
        <translation>硬件(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Measure this PC…</source>
        <translation>测量本机性能(&amp;M)…</translation>
    </message>
    <message>
        <source>Lessons use &amp;all cores</source>
        <translation>课程使用全部核心(&amp;A)</translation>
    </message>
    <message>
        <source>By default a lesson computes with all cores but one, left to the window and the rest of the PC</source>
        <translation>默认情况下课程使用除一个以外的全部核心，留一个给窗口和电脑的其他程序</translation>
    </message>
    <message>
        <source>Lesson memory &amp;cap…</source>
        <translation>课程内存上限(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
</context>
</TS>
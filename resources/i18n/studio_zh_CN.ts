<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CurveChart</name>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="93" />
        <source>Exponential moving average, debiased as in TensorBoard</source>
        <translation>指数移动平均（与 TensorBoard 相同的去偏方法）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="96" />
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="97" />
        <source>Wall time (s)</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="98" />
        <source>Log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="99" />
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="101" />
        <source>Keep the newest points in view</source>
        <translation>始终显示最新的数据点</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="102" />
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="103" />
        <source>Export the curves as CSV</source>
        <translation>将曲线导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="104" />
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="105" />
        <source>Export the chart as a PNG image</source>
        <translation>将图表导出为 PNG 图片</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="106" />
        <source>Curves appear here while a lesson trains.</source>
        <translation>课程训练时，曲线会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="112" />
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="248" />
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/curve_chart.py" line="253" />
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="62" />
        <source>Side by side: {links}</source>
        <translation>对照：{links}</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="69" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="71" />
        <source>Article code</source>
        <translation>原文代码</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="75" />
        <source>Changes</source>
        <translation>改动说明</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="79" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="81" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="83" />
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="84" />
        <source>Restore the article's settings</source>
        <translation>恢复原文的设置</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="89" />
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="95" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="103" />
        <source>Some steps are single long calls: Stop takes effect after the current step.</source>
        <translation>部分步骤是一次较长的调用：点击停止后，会在当前步骤结束时停止。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="159" />
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="167" />
        <source>Stopping after the current step…</source>
        <translation>将在当前步骤结束后停止…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="221" />
        <source>Running… {eta} left</source>
        <translation>运行中… 还剩 {eta}</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="231" />
        <source>Done in {s:.2f} s on {device}.</source>
        <translation>完成，用时 {s:.2f} 秒，设备 {device}。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="234" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="235" />
        <source>Stopped after {s:.2f} s.</source>
        <translation>已在 {s:.2f} 秒后停止。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="237" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lesson_view.py" line="239" />
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/ui/main_window.py" line="131" />
        <source>Zero-Compute ML Studio</source>
        <translation>零算力机器学习工作室</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="132" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="133" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="134" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="135" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="136" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="137" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="138" />
        <source>Roadmap</source>
        <translation>学习路线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="139" />
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="140" />
        <source>The hardware panel appears here.</source>
        <translation>硬件面板显示在这里。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="141" />
        <source>Choose a lesson on the left.</source>
        <translation>请在左侧选择一节课。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="151" />
        <source>The language changes when the current run ends.</source>
        <translation>当前运行结束后将切换语言。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="175" />
        <source>About Zero-Compute ML Studio</source>
        <translation>关于 零算力机器学习工作室</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="176" />
        <source>Zero-Compute ML Studio {version}

Learn machine learning on an ordinary PC: the roadmap, runnable lessons and measured advice of the article “机器学习快速入门--0算力起步实践篇”.</source>
        <translation>零算力机器学习工作室 {version}

在普通电脑上学习机器学习：文章《机器学习快速入门--0算力起步实践篇》的学习路线、可运行的课程，以及在你的电脑上实测得出的建议。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="214" />
        <source>{lesson}: {status} on {device}</source>
        <translation>{lesson}：{status}，设备 {device}</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="222" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="222" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="222" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="223" />
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="243" />
        <source>Loading libraries…</source>
        <translation>正在加载库…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="247" />
        <source>PyTorch is not installed</source>
        <translation>未安装 PyTorch</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="249" />
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="250" />
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="252" />
        <source>torch {version} · {n} threads</source>
        <translation>torch {version} · {n} 个线程</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <location filename="../../studio/ui/param_form.py" line="60" />
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="61" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="62" />
        <source>CUDA (GPU)</source>
        <translation>CUDA（GPU）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="63" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="73" />
        <source>This lesson runs on the CPU only</source>
        <translation>本课只在 CPU 上运行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="75" />
        <source>No CUDA GPU found (no NVIDIA GPU, no driver, or a CPU-only torch)</source>
        <translation>未找到 CUDA GPU（没有 NVIDIA 显卡、没有驱动，或 torch 为仅 CPU 版本）</translation>
    </message>
</context>
<context>
    <name>PathEdit</name>
    <message>
        <location filename="../../studio/ui/param_form.py" line="30" />
        <source>(built-in file)</source>
        <translation>（内置文件）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="31" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/param_form.py" line="39" />
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <location filename="../../studio/ui/results_view.py" line="136" />
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/results_view.py" line="137" />
        <source>Console</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/results_view.py" line="153" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
</TS>
"""The main window, one job per module: main_window (layout and moving between Home, an item
and a lesson), menus, lesson_list, lesson_pages (the lesson views, made on first use),
language (switching it), plan_start (which plan opens), advice (the verdict dots),
run_tracking (what a run's start and end change), kernel_status (threads, memory cap, the
status bar) and closing (what closing does to a running lesson)."""

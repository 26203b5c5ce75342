"""Studying at your own pace: time logged without effort, projected finish dates, reviews.

    clock.py     turns "this page is open and the window active" into logged study time
    pace.py      finish dates per phase and for the plan, from the last weeks' hours or a goal
    reviews.py   exercises that come back after 1, 3, 7 and 21 days
Plain Python (no Qt); the store of logged time is studio.core.study.log.
"""

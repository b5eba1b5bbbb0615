"""Plan and year pages (issue 9): the plan, 심의, TF, 입법, 변경, 주민 참여, 컨설팅·교육,
지표·통계, report narrative, 4-year basic plan and structure pages, and their navigator."""

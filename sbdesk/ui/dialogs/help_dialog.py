"""도움말 → 사용 안내: a short Korean guide to the yearly workflow, offline (no internet needed)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

GUIDE_HTML = """
<h2>sbdesk 사용 안내</h2>
<p>지역사회보장계획의 연차별 시행계획과 시행결과 보고서를 한 파일(*.sbplan)에서 작성합니다.
입력한 내용은 그 즉시 파일에 저장되고, <b>편집 ▸ 실행 취소(Ctrl+Z)</b>로 되돌릴 수 있습니다.</p>

<h3>1. 계획 만들기</h3>
<ul>
<li><b>파일 ▸ 새 계획</b>: 시·도, 시·군·구, 기수, 시작 연도를 입력합니다. 단체장 직함(예: 성동구청장)과
제출처(예: 서울특별시장)는 이름에서 자동으로 만들어지며 <b>계획 정보</b> 화면에서 고칠 수 있습니다.
파일은 문서 폴더(또는 지난번 폴더)에 저장됩니다.</li>
<li>지난해 파일이 있으면 그 파일을 열어 이어서 씁니다.</li>
</ul>

<h3>2. 전략체계와 사업</h3>
<ul>
<li>왼쪽 <b>계획 트리</b>에서 전략, 대표과업, 사업을 추가·이름 바꾸기·이동·삭제합니다 (전략체계·전략 화면의 단추, 편집 메뉴, 트리 위 단추). 회색으로 꺼진 단추에 마우스를 올리면 왜 쓸 수 없는지 알려 줍니다.
삭제할 때는 함께 지워지는 카드와 지표를 알려 주고, 실행 취소로 되살릴 수 있습니다.</li>
<li><b>기본계획 (4개년 목표·예산)</b> 화면에서 전략별 표에 연도별 목표와 예산을 입력합니다.
'-'는 인쇄되는 줄표이고 빈칸(입력 안 함)과 다릅니다. 두 번 인쇄되는 사업은 [중복 사업 연결]로 원래 사업에 연결합니다.</li>
</ul>

<h3>3. 해마다 하는 일</h3>
<ol>
<li><b>연도 ▸ 새 연도 카드 만들기</b>: 지난해 카드에서 올해 카드를 만듭니다. 소관·내용·지표는 옮기고,
목표와 예산은 기본계획에서 가져오며, 실적과 평가는 비웁니다. 이미 있는 카드는 건드리지 않습니다.</li>
<li>사업 카드: 트리에서 사업을 고르면 카드가 열립니다. 부서에 보낼 엑셀은 <b>가져오기/내보내기</b> 메뉴에서 만듭니다.</li>
<li>계획 트리의 <b>계획</b>(계획 정보, 기본계획)과 <b>○○○○년 보고서</b>(심의, 보고서 서술 항목, 변경 내용, TF,
주민 참여·만족도, 입법 실적, 지표·통계 관리, 컨설팅·교육) 항목을 골라 입력합니다.</li>
<li>서술 항목은 □ ○ - 기호를 줄 앞에 붙여 씁니다 (Enter를 누르면 다음 줄에도 같은 기호). 표가 필요하면 [표 추가].
그 해에 해당하지 않는 항목은 <b>해당 없음</b>에 표시하세요.</li>
</ol>

<h3>4. 점검과 인쇄</h3>
<ul>
<li>아래 <b>점검 결과</b> 창(보기 ▸ 점검 결과 창, Ctrl+3)에 빠진 내용이 나옵니다. 줄을 두 번 누르면 그 화면으로 갑니다.</li>
<li>비워 둔 항목은 보고서에 <b>(작성 필요)</b>로 인쇄됩니다. '해당 사항 없음'은 해당 없음으로 표시한 항목에만 인쇄됩니다.</li>
<li>점검 오류가 남아 있으면 보고서 모든 쪽에 옅은 <b>초안</b> 표시가 들어갑니다.
확인한 뒤 제출할 때는 [최종본으로 만들기]를 고릅니다.</li>
<li><b>문서</b> 메뉴: 시행결과 보고서, 심의결과서, 모니터링 자료, 사업 카드, 기본계획 표.</li>
</ul>

<h3>5. 파일 지키기</h3>
<ul>
<li><b>파일 ▸ 백업</b>으로 복사본을 만들어 두세요. 한 파일을 두 곳에서 동시에 고치면 나중에 연 쪽은 읽기 전용으로 열립니다.</li>
</ul>
"""


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("sbdesk 사용 안내")
        self.resize(720, 640)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpGuide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(GUIDE_HTML)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("닫기")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)

// The pages a browser gets for the public task link and the satisfaction-survey URL (the same
// URLs answer JSON to API clients). Customer-facing, so in Brazilian Portuguese.
import { escapeHtml as e, htmlPage } from '../../core/html.js';

const STATUS: Record<number, string> = {
  1: 'Aberta',
  2: 'Em deslocamento',
  3: 'Em atendimento (check-in)',
  4: 'Atendimento encerrado (check-out)',
  5: 'Finalizada',
  6: 'Pausada',
};

/** yyyy-MM-ddTHH:mm:ss -> dd/MM/yyyy HH:mm (empty and the 0001 sentinel stay empty). */
function when(naive: unknown): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(naive ?? ''));
  if (!m || m[1] === '0001') return '';
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}`;
}

const notFound = (what: string) =>
  htmlPage({ title: `${what} não encontrada`, body: `<h1>${e(what)} não encontrada</h1><p>O link está incompleto ou expirou.</p>` });

function rows(pairs: [string, string][]): string {
  return `<dl>${pairs
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join('')}</dl>`;
}

export function taskPage(task: Record<string, unknown> | undefined): string {
  if (!task) return notFound('Tarefa');
  const signature = task.signatureUrl
    ? `<h2>Assinatura</h2><figure><img src="${e(task.signatureUrl)}" alt="Assinatura de ${e(task.signatureName)}"><figcaption>${e(task.signatureName)} ${e(task.signatureDocument)}</figcaption></figure>`
    : '';
  const body = `<h1>Tarefa #${e(task.taskID)}</h1>
${rows([
  ['Situação', STATUS[Number(task.taskStatus)] ?? ''],
  ['Data agendada', when(task.taskDate)],
  ['Cliente', String(task.customerDescription ?? '')],
  ['Endereço', String(task.address ?? '')],
  ['Técnico', String(task.userToName ?? '')],
  ['Orientação', String(task.orientation ?? '')],
  ['Início do deslocamento', when(task.displacementStart)],
  ['Check-in', when(task.checkInDate)],
  ['Check-out', when(task.checkOutDate)],
  ['Duração', String(task.duration ?? '')],
  ['Relato', String(task.report ?? '')],
])}${signature}`;
  return htmlPage({ title: `Tarefa #${task.taskID}`, body });
}

export interface SurveyFormView {
  taskID: number;
  taskDate: string;
  customerDescription: string;
  open: boolean;
}

export const SURVEY_QUESTION = 'Como você avalia o atendimento?';
export const SURVEY_COMMENT = 'Comentários';

// Posts the answers as JSON to this same URL (the answer route takes JSON only).
const SURVEY_SCRIPT = `document.getElementById('survey').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target, out = document.getElementById('out');
  const score = f.querySelector('input[name=score]:checked');
  const answers = [{ question: ${JSON.stringify(SURVEY_QUESTION)}, answer: score ? score.value : '', score: score ? Number(score.value) : undefined }];
  if (f.comment.value.trim()) answers.push({ question: ${JSON.stringify(SURVEY_COMMENT)}, answer: f.comment.value.trim() });
  const r = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ email: f.email.value, answers }) });
  if (r.ok) { f.hidden = true; out.setAttribute('role', 'status'); out.textContent = 'Obrigado! Sua avaliação foi registrada.'; return; }
  const body = await r.json().catch(() => ({}));
  out.setAttribute('role', 'alert');
  out.textContent = Object.values(body).flat().join(' ') || 'Não foi possível enviar a avaliação.';
});`;

export function surveyPage(form: SurveyFormView | undefined): string {
  if (!form) return notFound('Pesquisa');
  const head = `<h1>Pesquisa de satisfação</h1>${rows([
    ['Tarefa', `#${form.taskID}`],
    ['Data', when(form.taskDate)],
    ['Cliente', form.customerDescription],
  ])}`;
  if (!form.open) {
    return htmlPage({
      title: 'Pesquisa de satisfação',
      body: `${head}<p>Esta pesquisa ainda não está aberta: ela abre quando a tarefa é finalizada.</p>`,
    });
  }
  const scores = Array.from({ length: 11 }, (_, i) => `<label><input type="radio" name="score" value="${i}" required> ${i}</label>`).join(
    '',
  );
  const body = `${head}
<form id="survey">
<fieldset><legend>${e(SURVEY_QUESTION)} (0 a 10)</legend><div class="scores">${scores}</div></fieldset>
<label>${e(SURVEY_COMMENT)}<textarea name="comment" rows="3"></textarea></label>
<label>E-mail<input type="email" name="email" required autocomplete="email"></label>
<button type="submit">Enviar avaliação</button>
</form>
<p id="out" aria-live="polite"></p>`;
  return htmlPage({ title: 'Pesquisa de satisfação', body, script: SURVEY_SCRIPT });
}

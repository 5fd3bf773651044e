// @ts-check
/**
 * Live validation and preview for the content editor. Without it, "Check and
 * preview" does the same with a full page load. The preview HTML comes from
 * the server's sanitising renderer; problems are inserted as text.
 */
(() => {
  /**
   * What POST /admin/content/validate answers.
   * @typedef {{ ok: boolean, problems: Array<{ text: string }>, preview: string }} Validation
   */

  const form = document.getElementById('editor-form');
  if (!(form instanceof HTMLFormElement) || !window.fetch) return;
  const textarea = form.querySelector('textarea[name="text"]');
  const problems = document.getElementById('problems');
  const preview = document.getElementById('preview');
  const csrfInput = form.querySelector('input[name="_csrf"]');
  if (!(textarea instanceof HTMLTextAreaElement) || !problems || !preview) return;
  if (!(csrfInput instanceof HTMLInputElement)) return;
  const editorForm = form;
  const field = textarea;
  const problemBox = problems;
  const previewBox = preview;
  const csrf = csrfInput.value;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let sequence = 0;
  let dirty = false;

  /** @param {Validation} data */
  function render(data) {
    problemBox.textContent = '';
    const box = document.createElement(data.ok ? 'p' : 'div');
    if (data.ok) {
      box.className = 'success';
      box.textContent = 'No problems: the whole library loads with this file.';
      field.removeAttribute('aria-invalid');
    } else {
      box.className = 'error';
      const intro = document.createElement('p');
      intro.textContent =
        data.problems.length === 1
          ? '1 problem to fix before saving:'
          : `${data.problems.length} problems to fix before saving:`;
      const list = document.createElement('ul');
      list.className = 'problems';
      for (const p of data.problems) {
        const item = document.createElement('li');
        item.textContent = p.text;
        list.appendChild(item);
      }
      box.appendChild(intro);
      box.appendChild(list);
      field.setAttribute('aria-invalid', 'true');
    }
    problemBox.appendChild(box);
    const template = document.createElement('template');
    template.innerHTML = data.preview;
    previewBox.replaceChildren(template.content);
  }

  async function validate() {
    const mine = ++sequence;
    try {
      const response = await fetch(editorForm.getAttribute('data-validate-url') ?? '', {
        method: 'POST',
        body: new URLSearchParams(/** @type {any} */ (new FormData(editorForm))),
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrf },
      });
      if (response.status === 401) {
        problemBox.textContent = 'Your admin session expired. Copy your text, then log in again.';
        return;
      }
      /** @type {Validation} */
      const data = await response.json();
      if (mine === sequence && data.problems) render(data);
    } catch {
      // Offline: the Save button still validates on the server.
    }
  }

  textarea.addEventListener('input', () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  });
  editorForm.addEventListener('submit', () => {
    dirty = false;
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) event.preventDefault();
  });
})();

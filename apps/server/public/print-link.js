/* global document, window */
// "Print this page" buttons: shown only where this script runs, since they need it to work.
for (const button of document.querySelectorAll('[data-print-page]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

// Copied next to the rendered page by render-docs.mjs. Opens every message payload fully (the
// template's own "Expand all" button) once the page has hydrated, so an architect reads every field,
// its type, its format and its doc without opening each record by hand; "Collapse all" still works.
(function openPayloads(attemptsLeft) {
  const payloadButtons = Array.from(document.querySelectorAll('button')).filter(
    (button) =>
      button.textContent.trim() === 'Expand all' &&
      button.previousElementSibling !== null &&
      button.previousElementSibling.textContent.trim() === 'Payload',
  );
  if (payloadButtons.length === 0 && attemptsLeft > 0) {
    setTimeout(() => openPayloads(attemptsLeft - 1), 100); // the page is still hydrating
    return;
  }
  payloadButtons.forEach((button) => button.click());
})(50);

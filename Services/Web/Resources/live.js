// The workspace pages' only script: an element with data-live="/path/events" is
// shown (it links to the latest version of the page) once that stream says the
// page changed. Without scripts the pages work the same, minus the notice.
document.querySelectorAll("[data-live]").forEach(function (notice) {
  var source = new EventSource(notice.getAttribute("data-live"));
  source.addEventListener("changed", function () {
    source.close();
    notice.hidden = false;
  });
});

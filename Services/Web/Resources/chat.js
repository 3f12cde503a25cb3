// The live chat's widget on /chat: one WebSocket to this site's /chat/socket. The
// server sends the whole conversation when it changes, whether the chat is open
// (with when it opens), and the fate of each message; this script only draws
// that (as text, never HTML) and sends what the customer types, each message with
// its own random id so a message sent twice is recorded once.
(function () {
  var root = document.getElementById("chat");
  if (!root || !window.WebSocket) return;
  var log = document.getElementById("chat-log");
  var empty = document.getElementById("chat-empty");
  var form = document.getElementById("chat-form");
  var text = document.getElementById("chat-text");
  var name = document.getElementById("chat-name");
  var status = document.getElementById("chat-status");
  var closed = document.getElementById("chat-closed");
  var closedText = document.getElementById("chat-closed-text");
  var pending = {};
  var ended = false;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + location.host + root.getAttribute("data-socket"));

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function draw(lines) {
    log.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.className = line.from;
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = line.who + " · " + line.time;
      item.appendChild(who);
      item.appendChild(document.createTextNode(line.text));
      log.appendChild(item);
    });
    empty.hidden = lines.length > 0;
    log.scrollTop = log.scrollHeight;
  }

  socket.addEventListener("message", function (event) {
    var frame = JSON.parse(event.data);
    if (frame.type === "conversation") {
      draw(frame.lines || []);
    } else if (frame.type === "hours") {
      closed.hidden = frame.open;
      closedText.textContent = frame.text || "";
      form.hidden = !frame.open;
    } else if (frame.type === "sent") {
      delete pending[frame.id];
      status.textContent = "";
    } else if (frame.type === "refused") {
      if (frame.id && pending[frame.id] && !text.value) text.value = pending[frame.id];
      delete pending[frame.id];
      status.textContent = frame.text;
    } else if (frame.type === "closed") {
      ended = true;
      form.hidden = true;
      status.textContent = frame.text;
    }
  });

  socket.addEventListener("close", function () {
    form.hidden = true;
    if (!ended) status.textContent = root.getAttribute("data-lost");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = text.value.trim();
    if (!body || socket.readyState !== WebSocket.OPEN) return;
    var id = newId();
    pending[id] = body;
    socket.send(JSON.stringify({ id: id, text: body, name: name.value.trim() }));
    text.value = "";
    text.focus();
  });
})();

// Each time link plays its interview's recording, in the player of its article, from its turn,
// and the turn being heard is marked; a volume's page has a player per interview, and one
// playing pauses the others. Without this script the links still work: they open the
// recording at that time.
const players = [...document.querySelectorAll(".recording audio")];
for (const player of players) {
  player.addEventListener("play", () => {
    for (const other of players) if (other !== player) other.pause();
  });
  const turns = [...player.closest("article").querySelectorAll("a.turn-time")].map((link) => ({
    link, turn: link.closest(".turn"), start: Number(new URL(link.href).hash.slice("#t=".length)),
  }));
  let heard = null;
  const mark = (entry) => {
    if (entry === heard) return;
    if (heard) {
      heard.turn.classList.remove("speaking");
      heard.turn.removeAttribute("aria-current");
    }
    heard = entry;
    if (entry) {
      entry.turn.classList.add("speaking");
      entry.turn.setAttribute("aria-current", "true");
    }
  };
  const follow = () => {
    mark(turns.findLast((entry) => entry.start <= player.currentTime) ?? null);
  };
  player.addEventListener("timeupdate", follow);
  player.addEventListener("seeked", follow);
  for (const entry of turns) {
    entry.link.addEventListener("click", (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      player.currentTime = entry.start;
      mark(entry);
      player.play().catch(() => {});
    });
  }
}

// Voice messages: a microphone button that records with MediaRecorder (Opus), a waveform computed with Web
// Audio and sent with the message; a player with play/pause, the waveform as a seek bar and 1x/1.5x/2x speeds.
import { api, fetchBlob } from "../api.js";
import { $ } from "../state.js";
import { registerComposerAction, registerMessageRenderer } from "../extensions.js";
import { formatDuration } from "../preview.js";

const WAVEFORM_BARS = 64;
const MAX_RECORDING_MS = 15 * 60 * 1000;
const SPEEDS = [1, 1.5, 2];
/** Preferred recording formats: Chromium records WebM, Firefox Ogg, Safari MP4; all of them Opus or AAC. */
const FORMATS = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"];

let recording = null;

function element(tag, className, testid, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (testid) node.dataset.testid = testid;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label, testid, text, onClick) {
  const node = element("button", "", testid, text);
  node.type = "button";
  node.setAttribute("aria-label", label);
  node.addEventListener("click", onClick);
  return node;
}

/** The panel above the message box while recording: a running timer, cancel and send, or why it cannot record. */
function panel() {
  let node = $("#voice-recorder");
  if (!node) {
    node = element("div", "voice-recorder", "voice-recorder");
    node.id = "voice-recorder";
    node.setAttribute("role", "group");
    node.setAttribute("aria-label", "Voice recording");
    $("#composer").before(node);
  }
  return node;
}

function closePanel() {
  $("#voice-recorder")?.remove();
}

function showError(text) {
  const status = element("p", "voice-error", "voice-error", text);
  status.setAttribute("role", "alert");
  panel().replaceChildren(status, button("Close", "voice-close", "Close", closePanel));
}

/** Why getUserMedia failed, in words the user can act on. */
function microphoneProblem(error) {
  if (error?.name === "NotAllowedError" || error?.name === "SecurityError") {
    return "Microphone access was refused. Allow the microphone for this site in the browser's settings to "
      + "record voice messages.";
  }
  if (error?.name === "NotFoundError") return "No microphone was found.";
  return "The microphone could not be used: " + (error?.message || error);
}

async function startRecording(context) {
  if (recording) return;
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
    showError("This browser cannot record audio.");
    return;
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    showError(microphoneProblem(error));
    return;
  }
  const mimeType = FORMATS.find((type) => MediaRecorder.isTypeSupported(type));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
  const chunks = [];
  recorder.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
  const stopped = new Promise((resolve) => recorder.addEventListener("stop", resolve, { once: true }));
  const startedAt = performance.now();
  const timer = element("span", "voice-timer", "voice-timer", "0:00");
  timer.setAttribute("role", "timer");
  const tick = setInterval(() => {
    const elapsed = performance.now() - startedAt;
    timer.textContent = formatClock(elapsed);
    if (elapsed >= MAX_RECORDING_MS) finish(true);
  }, 250);
  const finish = async (sendIt) => {
    if (recording?.recorder !== recorder) return;
    recording = null;
    clearInterval(tick);
    recorder.stop();
    stream.getTracks().forEach((track) => track.stop());
    await stopped;
    closePanel();
    if (sendIt) await sendRecording(context, new Blob(chunks, { type: recorder.mimeType || "audio/webm" }),
      performance.now() - startedAt);
  };
  recording = { recorder };
  recorder.start(250);
  panel().replaceChildren(element("span", "voice-dot", "", "●"), timer,
    button("Cancel recording", "voice-cancel", "Cancel", () => finish(false)),
    button("Send voice message", "voice-send", "Send", () => finish(true)));
}

/** m:ss of a running clock (rounded down, unlike durations). */
function formatClock(millis) {
  const seconds = Math.floor(millis / 1000);
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

/** The recording's length and loudness per slice (0..1, the loudest slice at 1), decoded with Web Audio. */
async function analyse(blob, elapsedMs) {
  try {
    const audioContext = new AudioContext();
    const decoded = await audioContext.decodeAudioData(await blob.arrayBuffer());
    audioContext.close();
    const samples = decoded.getChannelData(0);
    const size = Math.max(1, Math.floor(samples.length / WAVEFORM_BARS));
    const peaks = [];
    for (let start = 0; start + size <= samples.length && peaks.length < WAVEFORM_BARS; start += size) {
      let peak = 0;
      for (let i = start; i < start + size; i++) peak = Math.max(peak, Math.abs(samples[i]));
      peaks.push(peak);
    }
    const loudest = Math.max(...peaks, 1e-6);
    return {
      durationMs: Math.max(1, Math.round(decoded.duration * 1000)),
      waveform: peaks.map((peak) => Math.round(Math.min(1, peak / loudest) * 1000) / 1000),
    };
  } catch {
    return { durationMs: Math.max(1, Math.round(elapsedMs)), waveform: [] };
  }
}

async function sendRecording(context, blob, elapsedMs) {
  const voice = await analyse(blob, elapsedMs);
  try {
    const uploaded = await api("POST", "/attachments", undefined, blob);
    await context.send({ type: "voice", content: "", attachments: [{ id: uploaded.id }], voice });
  } catch (error) {
    showError("The voice message could not be sent: " + error.message);
  }
}

/** Players by message id, so that re-rendering the list keeps a playing message playing. */
const players = new Map();

function renderPlayer(message) {
  const known = message.id && players.get(message.id);
  if (known) return known;
  const voice = message.voice || { durationMs: 0, waveform: [] };
  const attachment = message.attachments?.[0];
  const node = element("div", "voice", "voice-message");
  const time = element("span", "voice-time", "voice-time", formatDuration(voice.durationMs));
  if (!attachment) {
    node.append(element("span", "", "", "🎤"), time);
    return node;
  }
  const audio = element("audio", "", "voice-audio");
  audio.preload = "none";
  let loading = null;
  const load = () => {
    loading ||= fetchBlob(attachment.url).then((blob) => {
      audio.src = URL.createObjectURL(blob);
      return new Promise((resolve) => {
        if (audio.readyState >= 1) resolve();
        else audio.addEventListener("loadedmetadata", resolve, { once: true });
      });
    });
    return loading;
  };
  const length = () => (Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration
    : voice.durationMs / 1000);

  const play = button("Play voice message", "voice-play", "▶", async () => {
    await load();
    if (audio.paused) await audio.play();
    else audio.pause();
  });
  const bars = (voice.waveform.length ? voice.waveform : new Array(WAVEFORM_BARS).fill(0.15)).map((level) => {
    const bar = element("span", "bar");
    bar.style.height = Math.max(8, Math.round(level * 100)) + "%";
    return bar;
  });
  const wave = element("div", "waveform", "voice-waveform");
  wave.append(...bars);
  wave.tabIndex = 0;
  wave.setAttribute("role", "slider");
  wave.setAttribute("aria-label", "Position in the voice message");
  wave.setAttribute("aria-valuemin", "0");
  wave.setAttribute("aria-valuemax", String(Math.round(voice.durationMs / 1000)));
  wave.setAttribute("aria-valuenow", "0");
  const seek = async (fraction) => {
    await load();
    audio.currentTime = Math.min(Math.max(fraction, 0), 1) * length();
    showProgress();
  };
  wave.addEventListener("click", (event) => {
    const box = wave.getBoundingClientRect();
    seek((event.clientX - box.left) / box.width);
  });
  wave.addEventListener("keydown", (event) => {
    const step = { ArrowLeft: -5, ArrowRight: 5 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    seek((audio.currentTime + step) / length());
  });
  const speed = button("Playback speed", "voice-speed", "1×", () => {
    const next = SPEEDS[(SPEEDS.indexOf(audio.playbackRate) + 1) % SPEEDS.length] || 1;
    audio.playbackRate = next;
    audio.defaultPlaybackRate = next;
    speed.textContent = next + "×";
  });

  function showProgress() {
    const fraction = length() ? audio.currentTime / length() : 0;
    bars.forEach((bar, i) => bar.classList.toggle("played", (i + 0.5) / bars.length <= fraction));
    wave.setAttribute("aria-valuenow", String(Math.round(audio.currentTime)));
    time.textContent = audio.currentTime > 0 || !audio.paused
      ? formatClock(audio.currentTime * 1000) + " / " + formatDuration(voice.durationMs)
      : formatDuration(voice.durationMs);
  }
  audio.addEventListener("timeupdate", showProgress);
  const showPlaying = (playing) => {
    play.textContent = playing ? "❚❚" : "▶";
    play.setAttribute("aria-label", playing ? "Pause" : "Play voice message");
  };
  audio.addEventListener("play", () => showPlaying(true));
  audio.addEventListener("pause", () => showPlaying(false));
  audio.addEventListener("ended", () => { audio.currentTime = 0; showProgress(); });

  node.append(play, wave, time, speed, audio);
  if (message.id) players.set(message.id, node);
  return node;
}

// Recordings are uploaded as they are, so an encrypted conversation has no voice button.
registerComposerAction({ id: "voice", label: "Record a voice message", icon: "mic", onClick: startRecording,
  available: (conversation) => !conversation?.encrypted });
registerMessageRenderer({
  matches: (message) => message.type === "voice" && !message.deleted,
  render: renderPlayer,
  ownsAttachments: true,
});

// Sending UDP answers the short way, and together.
// - dgram's send() resolves the address even when it is an IP literal (dns.lookup: a regular
//   expression and a process.nextTick per datagram, so Node also runs its tick queue after every
//   received datagram) and enters an async-id scope; on a DNS server that is a quarter of the CPU
//   per query. The socket's own handle sends the same datagram directly (the same libuv call: a
//   synchronous try first, queued if the socket buffer is full). That needs the handle and Node's
//   SendWrap class, which are not public: when either is missing (another Node version,
//   --pending-deprecation, a permission model), answers go through the public send().
// - libuv reads up to 32 datagrams per readiness event, calling JS for each. Answers are held until
//   that burst is read (setImmediate runs right after the poll phase) and then sent back to back, as
//   a C server's sendmmsg would: a client waiting in recv is woken once for the lot, not once per
//   answer, which saves CPU on both sides. An answer waits at most for the rest of its burst.
import type { Socket as UdpSocket } from 'node:dgram';

export type SendTo = (datagram: Buffer, port: number, address: string) => void;

interface UdpHandle {
  send(req: object, list: Buffer[], count: number, port: number, address: string, hasCallback: boolean): number;
}
type SendWrapClass = new () => { list?: Buffer[] };

let sendWrap: SendWrapClass | null | undefined;

function sendWrapClass(): SendWrapClass | null {
  if (sendWrap !== undefined) return sendWrap;
  sendWrap = null;
  // With --pending-deprecation, process.binding() would print a deprecation warning: use send().
  const pending = process.execArgv.includes('--pending-deprecation') || /--pending-deprecation/.test(process.env.NODE_OPTIONS ?? '') || process.env.NODE_PENDING_DEPRECATION === '1';
  if (pending || process.env.KANRI_DNS_PUBLIC_SEND === '1') return sendWrap;
  try {
    const binding = (process as unknown as { binding(name: string): { SendWrap?: unknown } }).binding('udp_wrap');
    if (typeof binding.SendWrap === 'function') sendWrap = binding.SendWrap as SendWrapClass;
  } catch {
    // not offered here: the public send() it is
  }
  return sendWrap;
}

/** dgram's state of the socket (under its 'state symbol'), holding the libuv handle, if this Node has one. */
function stateOf(socket: UdpSocket): { handle: UdpHandle | null } | null {
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const state = key && (socket as unknown as Record<symbol, { handle?: UdpHandle | null } | undefined>)[key];
  return state && typeof state.handle?.send === 'function' ? (state as { handle: UdpHandle }) : null;
}

/** A function sending one datagram on this (bound) socket, as `socket.send(datagram, port, address)` does. */
export function udpSender(socket: UdpSocket): SendTo {
  const sendNow = directSend(socket) ?? ((datagram: Buffer, port: number, address: string) => socket.send(datagram, port, address));
  const datagrams: Buffer[] = [];
  const ports: number[] = [];
  const addresses: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (let i = 0; i < datagrams.length; i++) {
      try {
        sendNow(datagrams[i], ports[i], addresses[i]);
      } catch {
        // the socket closed meanwhile: send() throws, the handle only fails
      }
    }
    datagrams.length = ports.length = addresses.length = 0;
  };
  return (datagram, port, address) => {
    datagrams.push(datagram);
    ports.push(port);
    addresses.push(address);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

function directSend(socket: UdpSocket): SendTo | null {
  const Wrap = sendWrapClass();
  const state = stateOf(socket);
  if (!Wrap || !state) return null;
  const handle = state.handle!;
  return (datagram, port, address) => {
    // Answers held past close() are dropped, as send() would refuse them (close() drops dgram's
    // handle at once; the closing libuv handle would only answer EBADF).
    if (state.handle !== handle) return;
    const req = new Wrap();
    // Kept on the request while libuv may still hold the bytes (a queued send), as dgram does.
    req.list = [datagram];
    // Like send() without a callback, a failed send is not reported: UDP answers may be lost anyway.
    handle.send(req, req.list, 1, port, address, false);
  };
}

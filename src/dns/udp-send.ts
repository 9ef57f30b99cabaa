// Sending a UDP answer the short way. dgram's send() resolves the address even when it is an IP
// literal (dns.lookup: a regular expression and a process.nextTick per datagram, so Node also runs
// its tick queue after every received datagram) and enters an async-id scope; on a DNS server
// that is a quarter of the CPU per query. The socket's own handle sends the same datagram directly
// (the same libuv call: a synchronous try first, queued if the socket buffer is full). That needs
// the handle and Node's SendWrap class, which are not public: when either is missing (another Node
// version, --pending-deprecation, a permission model), answers go through the public send().
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

/** The socket's libuv handle, as dgram keeps it (under its 'state symbol'), if this Node has one. */
function handleOf(socket: UdpSocket): UdpHandle | null {
  const state = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const handle = state && (socket as unknown as Record<symbol, { handle?: UdpHandle } | undefined>)[state]?.handle;
  return handle && typeof handle.send === 'function' ? handle : null;
}

/** A function sending one datagram on this (bound) socket, as `socket.send(datagram, port, address)` does. */
export function udpSender(socket: UdpSocket): SendTo {
  const publicSend: SendTo = (datagram, port, address) => socket.send(datagram, port, address);
  const Wrap = sendWrapClass();
  const handle = handleOf(socket);
  if (!Wrap || !handle) return publicSend;
  return (datagram, port, address) => {
    const req = new Wrap();
    // Kept on the request while libuv may still hold the bytes (a queued send), as dgram does.
    req.list = [datagram];
    // Like send() without a callback, a failed send is not reported: UDP answers may be lost anyway.
    handle.send(req, req.list, 1, port, address, false);
  };
}

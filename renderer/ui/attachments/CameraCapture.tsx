import { Alert, Button, Flex, Modal, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drawToJpeg, type PreparedFile } from './imageFile';

type CameraState = 'starting' | 'live' | 'taken' | 'denied' | 'unavailable';

/** 拍照: the laptop's camera (getUserMedia), one snapshot scaled down to JPEG; refusal explained plainly. */
export function CameraCapture({ open, onDone, onCancel }: { open: boolean; onDone: (file: PreparedFile) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [taken, setTaken] = useState<{ bytes: Uint8Array; url: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- each opening starts the camera afresh (the dialog stays mounted between openings).
    setState('starting');
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('unavailable');
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((media) => {
        if (cancelled) return media.getTracks().forEach((track) => track.stop());
        stream.current = media;
        const element = video.current;
        if (!element) return setState('live');
        // 拍下这张 shows once the first frame is playing: a click before it would take nothing.
        element.addEventListener('playing', () => !cancelled && setState('live'), { once: true });
        element.srcObject = media;
        void element.play();
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const name = (error as { name?: string }).name;
        setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
      });
    return () => {
      cancelled = true;
      stream.current?.getTracks().forEach((track) => track.stop());
      stream.current = null;
    };
  }, [open]);

  useEffect(() => () => {
    if (taken) URL.revokeObjectURL(taken.url);
  }, [taken]);

  const capture = async () => {
    const element = video.current;
    if (!element || element.videoWidth === 0) return;
    const bytes = await drawToJpeg(element, element.videoWidth, element.videoHeight);
    setTaken({ bytes, url: URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })) });
    setState('taken');
  };

  const footer =
    state === 'live' ? (
      <Button size="large" type="primary" onClick={() => void capture()} data-testid="camera-capture">
        {t('attachments.camera.capture')}
      </Button>
    ) : state === 'taken' && taken ? (
      <Flex justify="end" gap={8}>
        <Button size="large" onClick={() => setState('live')}>
          {t('attachments.camera.retake')}
        </Button>
        <Button
          size="large"
          type="primary"
          data-testid="camera-use"
          onClick={() => onDone({ bytes: taken.bytes, contentType: 'image/jpeg', name: t('attachments.kind.photo') })}
        >
          {t('attachments.camera.use')}
        </Button>
      </Flex>
    ) : null;

  return (
    <Modal open={open} title={t('attachments.camera.title')} onCancel={onCancel} width={720} destroyOnHidden footer={footer}>
      {state === 'starting' && <Spin description={t('attachments.camera.starting')} />}
      {state === 'denied' && <Alert type="warning" showIcon title={t('attachments.camera.denied')} data-testid="camera-denied" />}
      {state === 'unavailable' && <Alert type="warning" showIcon title={t('attachments.camera.unavailable')} data-testid="camera-unavailable" />}
      <video ref={video} muted playsInline style={{ width: '100%', display: state === 'live' || state === 'starting' ? 'block' : 'none' }} />
      {state === 'taken' && taken && <img src={taken.url} alt={t('attachments.kind.photo')} style={{ width: '100%' }} />}
    </Modal>
  );
}

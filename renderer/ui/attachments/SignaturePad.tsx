import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canvasBytes, type PreparedFile } from './imageFile';

const WIDTH = 600;
const HEIGHT = 240;

/** 签名: draw with the mouse, a pen or a finger (pointer events), then 清除 or 确定. Kept as PNG. */
export function SignaturePad({ open, onDone, onCancel }: { open: boolean; onDone: (file: PreparedFile) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);
  const [showEmpty, setShowEmpty] = useState(false);

  const clear = () => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, WIDTH, HEIGHT);
    setSigned(false);
  };
  useEffect(() => {
    if (open) requestAnimationFrame(clear);
  }, [open]);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * WIDTH) / box.width, y: ((event.clientY - box.top) * HEIGHT) / box.height };
  };
  const down = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = point(event);
    context.strokeStyle = '#000';
    context.lineWidth = 3;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(x, y);
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    const { x, y } = point(event);
    context.lineTo(x, y);
    context.stroke();
    setSigned(true);
    setShowEmpty(false);
  };
  const up = () => {
    drawing.current = false;
  };

  const confirm = async () => {
    if (!signed || !canvas.current) {
      setShowEmpty(true);
      return;
    }
    onDone({ bytes: await canvasBytes(canvas.current, 'image/png'), contentType: 'image/png', name: t('attachments.kind.signature') });
  };

  return (
    <Modal
      open={open}
      title={t('attachments.signature.title')}
      onCancel={onCancel}
      width={680}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button size="large" onClick={clear} data-testid="signature-clear">
            {t('attachments.signature.clear')}
          </Button>
          <Button size="large" type="primary" onClick={() => void confirm()} data-testid="signature-confirm">
            {t('attachments.signature.confirm')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph>{t('attachments.signature.hint')}</Typography.Paragraph>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        aria-label={t('attachments.signature.title')}
        data-testid="signature-canvas"
        style={{ width: '100%', border: '2px dashed #999', borderRadius: 8, touchAction: 'none', cursor: 'crosshair', background: '#fff' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      {showEmpty && <Alert type="warning" showIcon title={t('attachments.signature.empty')} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

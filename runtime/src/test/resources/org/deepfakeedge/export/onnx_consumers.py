"""Loads an exported .onnx file in ONNX consumers other than ONNX Runtime, for OtherRuntimesTest.

Run with Debian's /usr/bin/python3 (python3-onnx, python3-opencv). Prints one JSON object on
stdout and exits 0 when the consumer gave an answer, including a refusal; exits 3 when a needed
module is missing, 2 on bad usage.

  has MODULE                      exit 0 if MODULE imports, else 3
  check MODEL                     onnx.checker.check_model(full_check=True): {"onnx": v, "ok": b, "error": s}
  opencv MODEL INPUT N C H W      cv2.dnn.readNetFromONNX + forward on INPUT (float32 little-endian,
                                  N*C*H*W values): {"opencv": v, "ok": b, "logits": [...] | "error": s}
"""
import json
import sys


def main(argv):
    if len(argv) < 2:
        return usage()
    cmd = argv[1]
    if cmd == "has" and len(argv) == 3:
        try:
            __import__(argv[2])
        except ImportError:
            return 3
        return 0
    if cmd == "check" and len(argv) == 3:
        import onnx

        out = {"onnx": onnx.__version__}
        try:
            onnx.checker.check_model(onnx.load(argv[2]), full_check=True)
            out["ok"] = True
        except Exception as e:  # the checker's refusal is the answer
            out["ok"] = False
            out["error"] = str(e)
        print(json.dumps(out))
        return 0
    if cmd == "opencv" and len(argv) == 8:
        import cv2
        import numpy as np

        n, c, h, w = (int(a) for a in argv[4:8])
        x = np.fromfile(argv[3], dtype="<f4").reshape(n, c, h, w)
        out = {"opencv": cv2.__version__}
        try:
            net = cv2.dnn.readNetFromONNX(argv[2])
            net.setInput(x)
            y = net.forward()
            out["ok"] = True
            out["logits"] = [float(v) for v in np.asarray(y, dtype=np.float64).reshape(-1)]
        except cv2.error as e:
            out["ok"] = False
            out["error"] = str(e)
        print(json.dumps(out))
        return 0
    return usage()


def usage():
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

# ekyc-service's base with Docker (kencom/jvm-ocr): kencom/jvm and Tesseract with its Japanese model.
# docker build -f deploy/docker/jvm-ocr.Dockerfile -t kencom/jvm-ocr . (after kencom/jvm; deploy/docker/build)
FROM kencom/jvm
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-jpn \
 && rm -rf /var/lib/apt/lists/*
USER 10001:10001

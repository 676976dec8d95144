from ninja import Router

router = Router(tags=["shared programs"])
